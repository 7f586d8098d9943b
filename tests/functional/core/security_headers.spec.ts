import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiResponse } from '@japa/api-client'
import Organisation from '#registry/models/organisation'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { assetUrl } from '#core/services/assets'

/** The headers every answer carries, whoever asks. */
function assertPolicies(response: ApiResponse) {
  response.assertHeader('referrer-policy', 'same-origin')
  response.assertHeader(
    'permissions-policy',
    'camera=(), microphone=(), geolocation=(), payment=(), usb=()'
  )
}

test.group('Security headers', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('public pages and files carry the policies and keep their normal caching', async ({
    client,
    assert,
  }) => {
    for (const path of [
      urlFor('public_offers.index'),
      urlFor('public_statistics.show'),
      urlFor('session.create'),
    ]) {
      const page = await client.get(path)
      page.assertStatus(200)
      assertPolicies(page)
      assert.notInclude(page.header('cache-control') ?? '', 'no-store', path)
    }
    // A file from public/, not a route: by its hashed address, kept for a year.
    const file = await client.get(assetUrl('favicon.svg'))
    file.assertStatus(200)
    assertPolicies(file)
    assert.include(file.header('cache-control'), 'max-age=31536000')

    const notFound = await client.get('/no-such-page')
    notFound.assertStatus(404)
    assertPolicies(notFound)
  })

  test("a signed-in staff user's pages and downloads are not stored; htmx stays cacheable", async ({
    client,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const cardPage = await client.get(urlFor('cards.show', { id: card.id })).loginAs(distributor)
    cardPage.assertStatus(200)
    assertPolicies(cardPage)
    cardPage.assertHeader('cache-control', 'no-store')

    // The public offer list, seen signed in, shows who is signed in.
    const offers = await client.get(urlFor('public_offers.index')).loginAs(distributor)
    offers.assertHeader('cache-control', 'no-store')

    const htmx = await client.get(assetUrl('htmx.js')).loginAs(distributor)
    htmx.assertStatus(200)
    assertPolicies(htmx)
    htmx.assertHeader('cache-control', 'public, max-age=31536000, immutable')

    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue)
    const occurrence = await createOccurrence(offer, { daysAhead: 3 })
    await recordUse(card.code, offer, occurrence)
    const roster = await client
      .get(urlFor('rosters.show', { id: occurrence.id }))
      .loginAs(venueUser)
    roster.assertStatus(200)
    roster.assertHeader('cache-control', 'no-store')
    const csv = await client.get(urlFor('rosters.export', { id: occurrence.id })).loginAs(venueUser)
    csv.assertStatus(200)
    assertPolicies(csv)
    csv.assertHeader('cache-control', 'no-store')
  })

  test("every OmaKaiku answer is not stored, the holder's card and data above all", async ({
    client,
  }) => {
    const signInPage = await client.get(urlFor('holder_session.create'))
    assertPolicies(signInPage)
    signInPage.assertHeader('cache-control', 'no-store')

    const card = await issueCard(await createUser('distributor'))
    const account = await createHolder(card)
    const holder = await HolderBrowser.signedIn(client, account.email)
    const cardPage = await holder.get(urlFor('my_card.show'))
    cardPage.assertStatus(200)
    assertPolicies(cardPage)
    cardPage.assertHeader('cache-control', 'no-store')

    const myData = await holder.get(urlFor('my_data.download'))
    myData.assertStatus(200)
    myData.assertHeader('cache-control', 'no-store')
  })
})
