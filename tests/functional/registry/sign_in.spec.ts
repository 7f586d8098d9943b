import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser, PASSWORD } from '#tests/helpers/fixtures'
import { urlFor } from '@adonisjs/core/services/url_builder'

test.group('Staff sign-in', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a distributor signs in with e-mail and password and lands on the start page', async ({
    client,
  }) => {
    const user = await createUser('distributor')
    const response = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', urlFor('home.show'))
  })

  test('a wrong password is refused with a message that does not say which part was wrong', async ({
    client,
  }) => {
    const user = await createUser('distributor')
    const response = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: 'wrong password!' })
      .withCsrfToken()
    response.assertTextIncludes('Sähköpostiosoite tai salasana on väärin.')
    response.assertTextIncludes(`value="${user.email}"`)
  })
})
