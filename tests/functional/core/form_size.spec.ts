import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '#tests/helpers/fixtures'
import { urlFor } from '@adonisjs/core/services/url_builder'

test.group('Forms and the size limit', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a refused form with a 10,000-character field in Finnish comes back with the text and the message', async ({
    client,
  }) => {
    const user = await createUser('distributor')
    // ä takes six characters URL-encoded: 60 kB, over the framework's default limit of 56 kB.
    const text = 'ä'.repeat(10_000)
    const refused = await client
      .post(urlFor('posts.store'))
      .form({ audience: 'area', heading: 'x', message: text, submissionKey: crypto.randomUUID() })
      .header('referer', urlFor('posts.create'))
      .withCsrfToken()
      .loginAs(user)
    refused.assertStatus(200)
    refused.assertTextIncludes('Otsikossa pitää olla vähintään 3 merkkiä.')
    refused.assertTextIncludes(text)
  })

  test('a body over the size limit gets the app’s own page in the user’s language', async ({
    client,
  }) => {
    const user = await createUser('distributor')
    const response = await client
      .post(urlFor('posts.store'))
      .form({ heading: 'Iso', message: 'x'.repeat(600_000) })
      .withCsrfToken()
      .withPlainCookie('kaikukanta-locale', 'en')
      .loginAs(user)
    response.assertStatus(413)
    response.assertTextIncludes('<html lang="en"')
    response.assertTextIncludes('The form was too large to send')
  })
})
