import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { LOCALE_COOKIE } from '#core/services/locale'
import { createUser } from '#tests/helpers/fixtures'

test.group('The front door', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('`/` tells anyone what Kaikukortti is and leads on to OmaKaiku, the offers, the statistics and the staff sign-in', async ({
    client,
    assert,
  }) => {
    const page = await client.get(urlFor('front_door')).redirects(0)
    page.assertStatus(200)
    page.assertTextIncludes('Kaikukortti on maksuton kortti kulttuuriin ja liikuntaan')
    for (const route of [
      'holder_session.create',
      'public_offers.index',
      'public_statistics.show',
      'session.create',
    ] as const) {
      assert.include(page.text(), `href="${urlFor(route)}"`, route)
    }

    const swedish = await client.get(urlFor('front_door')).withPlainCookie(LOCALE_COOKIE, 'sv')
    swedish.assertTextIncludes('Logga in i OmaKaiku')

    // Every public page leads back to it.
    for (const route of ['public_offers.index', 'session.create', 'pages.accessibility'] as const) {
      assert.include((await client.get(urlFor(route))).text(), `href="${urlFor('front_door')}"`)
    }
  })

  test('a signed-in staff member finds the way to their own start page', async ({ client }) => {
    const user = await createUser('distributor')
    const page = await client.get(urlFor('front_door')).loginAs(user)
    page.assertTextIncludes(`href="${urlFor('home.show')}"`)
    page.assertTextIncludes('Omaan työnäkymääsi')
  })
})
