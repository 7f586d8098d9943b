import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { issueCard, createUser } from '#tests/helpers/fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'
import { urlFor } from '@adonisjs/core/services/url_builder'

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
      .post(urlFor('language.update'))
      .form({ locale: 'sv', returnTo: urlFor('public_offers.index', {}, { qs: { genre: '1' } }) })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', urlFor('public_offers.index', {}, { qs: { genre: '1' } }))
  })

  test('never leads to another site; the front door instead', async ({ client, assert }) => {
    for (const returnTo of [...hostile, undefined]) {
      const response = await client
        .post(urlFor('language.update'))
        .form({ locale: 'sv', returnTo })
        .withCsrfToken()
        .redirects(0)
      assert.equal(response.header('location'), urlFor('front_door'), JSON.stringify(returnTo))
    }
  })

  test('signed-in staff without a return address go to their start page', async ({
    client,
    assert,
  }) => {
    const user = await createUser('distributor')
    const response = await client
      .post(urlFor('language.update'))
      .form({ locale: 'sv' })
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    assert.equal(response.header('location'), urlFor('home.show'))
  })

  test("in OmaKaiku, a hostile address leads to OmaKaiku's home", async ({ client, assert }) => {
    const card = await issueCard(await createUser('distributor'))
    const account = await createHolder(card)
    const holder = await HolderBrowser.signedIn(client, account.email)

    const good = await holder.post(urlFor('omakaiku.language.update'), {
      locale: 'en',
      returnTo: urlFor('holder_offers.index'),
    })
    assert.equal(good.header('location'), urlFor('holder_offers.index'))
    for (const returnTo of hostile) {
      const response = await holder.post(urlFor('omakaiku.language.update'), {
        locale: 'en',
        returnTo,
      })
      assert.equal(response.header('location'), urlFor('omakaiku.home'), JSON.stringify(returnTo))
    }
  })
})
