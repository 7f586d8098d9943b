import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { issueCard, createUser } from '#tests/helpers/fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'

/** Return addresses that lead off the site, each in a form a browser would follow. */
const hostile = [
  '//evil.example',
  '/\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  'https://evil.example',
  'javascript:alert(1)',
  'evil.example',
]

test.group('Language switch', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('returns to the page of this site it was sent from', async ({ client }) => {
    const response = await client
      .post('/language')
      .form({ locale: 'sv', returnTo: '/offers?genre=1' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/offers?genre=1')
  })

  test('never leads to another site; the home page instead', async ({ client, assert }) => {
    for (const returnTo of hostile) {
      const response = await client
        .post('/language')
        .form({ locale: 'sv', returnTo })
        .withCsrfToken()
        .redirects(0)
      assert.equal(response.header('location'), '/', JSON.stringify(returnTo))
    }
  })

  test("in OmaKaiku, a hostile address leads to OmaKaiku's home", async ({ client, assert }) => {
    const card = await issueCard(await createUser('distributor'))
    const account = await createHolder(card)
    const holder = await HolderBrowser.signedIn(client, account.email)

    const good = await holder.post('/oma/language', { locale: 'en', returnTo: '/oma/offers' })
    assert.equal(good.header('location'), '/oma/offers')
    for (const returnTo of hostile) {
      const response = await holder.post('/oma/language', { locale: 'en', returnTo })
      assert.equal(response.header('location'), '/oma', JSON.stringify(returnTo))
    }
  })
})
