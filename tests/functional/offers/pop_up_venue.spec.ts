import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Municipality from '#registry/models/municipality'
import Organisation from '#registry/models/organisation'
import type User from '#registry/models/user'
import Offer from '#offers/models/offer'
import Genre from '#offers/models/genre'
import CardUse from '#usage/models/card_use'
import OutboxMessage from '#messaging/models/outbox_message'
import { refreshSummaries } from '#stats/services/summary_refresh'
import { createArea, createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'
import { optIn } from '#tests/helpers/messaging'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'
import { register, show } from '#tests/helpers/registration_scene'

/*
| A pop-up venue: a festival in Helsinki outside every Kaikukortti area,
| created by the national centre. Helsinki comes from the national list of
| municipalities (a migration), not from any area.
*/
async function popUpVenue() {
  const helsinki = await Municipality.findByOrFail('name', 'Helsinki')
  const venue = await Organisation.create({
    name: `Pop-up-festivaali ${randomUUID().slice(0, 6)}`,
    type: 'venue',
    areaId: null,
    municipalityId: helsinki.id,
    venueCategory: 'festival',
    active: true,
  })
  const user = await createUser('venue', { organisation: venue })
  return { helsinki, venue, user }
}

async function offerForm(municipality: Municipality, overrides: Record<string, unknown> = {}) {
  const genre = await Genre.findByOrFail('key', 'jazz')
  return {
    title: 'Jazzia Kaivopuistossa',
    description: 'Ulkoilmakonsertti festivaalin päätteeksi.',
    offerType: 'performance',
    genreId: String(genre.id),
    municipalityId: String(municipality.id),
    location: 'Kaivopuisto, Helsinki',
    accessibility: 'Esteetön kulku pääportilta.',
    children: 'by_type',
    published: 'true',
    ...overrides,
  }
}

function sendMessage(client: Parameters<typeof register>[0], user: User, audience: string) {
  return client
    .post(urlFor('campaigns.store'))
    .form({
      'audience': audience,
      'offerId': '',
      'genreId': '',
      'channels[]': ['email'],
      'bodyFi': 'Kiitos käynnistä! Ensi kesän festivaalin ohjelma on julkaistu.',
      'when': 'now',
      'submissionKey': randomUUID(),
    })
    .withCsrfToken()
    .loginAs(user)
    .header('referer', urlFor('campaigns.create'))
}

test.group('A pop-up venue outside every area', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    fakeSmtp.inbox = []
    fakeTwilio.reset()
  })

  test('the national list holds every municipality of Finland, with codes and Swedish names', async ({
    assert,
  }) => {
    const helsinki = await Municipality.findByOrFail('name', 'Helsinki')
    assert.equal(helsinki.code, '091')
    assert.equal(helsinki.nameSv, 'Helsingfors')
    const listed = await Municipality.query().whereNotNull('code')
    assert.isAtLeast(listed.length, 308)
    assert.equal((await Municipality.findByOrFail('code', '478')).name, 'Maarianhamina')
  })

  test('publishes an offer in a municipality outside every area; it is on the public list and in OmaKaiku', async ({
    client,
    assert,
  }) => {
    const { helsinki, venue, user } = await popUpVenue()
    const { area } = await createArea()

    const form = await client.get(urlFor('venue_offers.create')).loginAs(user)
    form.assertStatus(200)
    assert.match(
      form.text(),
      new RegExp(`<option value="${helsinki.id}"[^>]*selected[^>]*>\\s*Helsinki\\s*</option>`),
      "the venue's own municipality is chosen, from the national list"
    )
    assert.include(form.text(), '>Tampere<', 'every municipality of Finland is there')

    const saved = await client
      .post(urlFor('venue_offers.store'))
      .form(await offerForm(helsinki))
      .withCsrfToken()
      .loginAs(user)
    saved.assertTextIncludes('Tarjous tallennettiin.')
    const offer = await Offer.findByOrFail('organisation_id', venue.id)
    assert.equal(offer.municipalityId, helsinki.id)
    assert.isTrue(offer.published)
    await createOccurrence(offer)

    const list = await client.get(urlFor('public_offers.index'))
    list.assertTextIncludes('Jazzia Kaivopuistossa')
    assert.match(
      list.text(),
      new RegExp(`<option value="${helsinki.id}"[^>]*>\\s*Helsinki\\s*</option>`),
      'the filter names the municipality where the pop-up venue has offers'
    )
    const inHelsinki = await client.get(
      urlFor('public_offers.index', {}, { qs: { municipality: helsinki.id } })
    )
    inHelsinki.assertTextIncludes('Jazzia Kaivopuistossa')
    const inAnArea = await client.get(urlFor('public_offers.index', {}, { qs: { area: area.id } }))
    assert.notInclude(inAnArea.text(), 'Jazzia Kaivopuistossa')
    ;(await client.get(urlFor('public_offers.show', { id: offer.id }))).assertTextIncludes(
      venue.name
    )

    const holder = await createHolder(await issueCard(await createUser('distributor')))
    const browser = await HolderBrowser.signedIn(client, holder.email)
    const holderList = await browser.get(urlFor('holder_offers.index'))
    holderList.assertStatus(200)
    holderList.assertTextIncludes('Jazzia Kaivopuistossa')
  })

  test('the national centre places a pop-up venue in a municipality outside the areas; an area takes a listed municipality in as it is', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const helsinki = await Municipality.findByOrFail('name', 'Helsinki')
    const { area } = await createArea()

    const form = await client.get(urlFor('organisations.create')).loginAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('Helsinki (alueiden ulkopuolella)')
    const create = (name: string, areaId: number | '') =>
      client
        .post(urlFor('organisations.store'))
        .form({
          name,
          type: 'venue',
          venueCategory: 'festival',
          areaId,
          municipalityId: helsinki.id,
          active: 'true',
        })
        .withCsrfToken()
        .loginAs(admin)
        .header('referer', urlFor('organisations.create'))
    await create('Helsingin pop-up-festivaali', '')
    const festival = await Organisation.findByOrFail('name', 'Helsingin pop-up-festivaali')
    assert.isNull(festival.areaId)
    assert.equal(festival.municipalityId, helsinki.id)

    const refused = await create('Alueen festivaali', area.id)
    refused.assertTextIncludes('Valitse kunta, joka kuuluu organisaation alueeseen.')
    assert.isNull(await Organisation.findBy('name', 'Alueen festivaali'))

    await client
      .post(urlFor('municipalities.store'))
      .form({ name: 'Helsinki', areaId: area.id, status: 'pilot' })
      .withCsrfToken()
      .loginAs(admin)
      .header('referer', urlFor('municipalities.create'))
    await helsinki.refresh()
    assert.equal(helsinki.areaId, area.id, 'the same municipality, now in the area')
    assert.equal(helsinki.status, 'pilot')
    assert.equal(helsinki.code, '091')
    const taken = await client
      .post(urlFor('municipalities.store'))
      .form({ name: 'Helsinki', areaId: area.id, status: 'pilot' })
      .withCsrfToken()
      .loginAs(admin)
      .header('referer', urlFor('municipalities.create'))
    assert.lengthOf(await Municipality.query().where('name', 'Helsinki'), 1)
    taken.assertStatus(200)
  })

  test("registers a card's use at its box office, and the statistics refresh counts it outside the areas", async ({
    client,
    assert,
  }) => {
    const { venue, user } = await popUpVenue()
    const offer = await createOffer(venue, { title: 'Puistokonsertti' })
    const occurrence = await createOccurrence(offer)
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)

    const page = await client.get(urlFor('registrations.create')).loginAs(user)
    page.assertTextIncludes('Puistokonsertti')
    const registered = await register(client, user, {
      code: card.code,
      choice: show(occurrence),
      childrenCount: '0',
      submissionKey: randomUUID(),
    })
    registered.assertTextIncludes('Kirjattu: kortti')
    const use = await CardUse.findByOrFail('card_code', card.code)
    assert.equal(use.organisationId, venue.id)

    await refreshSummaries({ full: true })
    const admin = await createUser('admin')
    const year = occurrence.startsAt.year
    const comparison = await client
      .get(
        urlFor('dashboards.show', { dashboard: 'area', section: 'comparison' }, { qs: { year } })
      )
      .loginAs(admin)
    comparison.assertStatus(200)
    // The comparison of areas has the uses at pop-up venues as a row of their own.
    comparison.assertTextIncludes('Alueiden ulkopuolella (pop-up-kohteet), Käytöt: 1')
    const uses = await client
      .get(urlFor('dashboards.show', { dashboard: 'area', section: 'uses' }, { qs: { year } }))
      .loginAs(admin)
    uses.assertStatus(200)
    uses.assertTextIncludes('Alueiden ulkopuolella (pop-up-kohteet)')

    const venueStats = await client
      .get(urlFor('dashboards.show', { dashboard: 'venue' }, { qs: { year } }))
      .loginAs(user)
    venueStats.assertStatus(200)

    const publicPage = await client.get(urlFor('public_statistics.show'))
    publicPage.assertTextIncludes('Alueiden ulkopuolella (pop-up-kohteet)')
  })

  test('messages its visitors who opted in, and no one else', async ({ client, assert }) => {
    const { venue, user } = await popUpVenue()
    const offer = await createOffer(venue)
    const past = await createOccurrence(offer, { daysAhead: -7 })
    const distributor = await createUser('distributor')
    const visitor = async () => {
      const card = await issueCard(distributor)
      await recordUse(card.code, offer, past)
      return createHolder(card)
    }
    const optedIn = await visitor()
    await optIn(optedIn, ['venueNews'], ['byEmail'])
    const silent = await visitor()
    const stranger = await createHolder(await issueCard(distributor))
    await optIn(stranger, ['venueNews'], ['byEmail'])

    const compose = await client.get(urlFor('campaigns.create')).loginAs(user)
    compose.assertStatus(200)
    const sent = await sendMessage(client, user, 'visitors_of_venue')
    sent.assertStatus(200)
    sent.assertTextIncludes('Se menee 1 kortinhaltijalle')
    const rows = await OutboxMessage.query()
    assert.deepEqual(
      rows.map((row) => row.accountId),
      [optedIn.id]
    )
    assert.notInclude(
      rows.map((row) => row.accountId),
      silent.id
    )
  })

  test('genre followers near a pop-up venue are those where its offers are, with their consent', async ({
    client,
    assert,
  }) => {
    const { helsinki, venue, user } = await popUpVenue()
    const music = await Genre.findByOrFail('key', 'music')
    await createOffer(venue, { genreId: music.id })
    const distributor = await createUser('distributor')
    const follower = async (municipalityId: number, kinds: Parameters<typeof optIn>[1]) => {
      const account = await createHolder(await issueCard(distributor), { municipalityId })
      await optIn(account, kinds, ['byEmail'], [music.id])
      return account
    }
    await follower(helsinki.id, ['recommendations'])
    await follower(helsinki.id, [])
    await follower((await createArea()).municipality.id, ['recommendations'])

    const reach = await client
      .get(
        urlFor(
          'campaigns.reach',
          {},
          { qs: { audience: 'genre_in_area', genreId: music.id, channels: ['email'] } }
        )
      )
      .header('HX-Request', 'true')
      .loginAs(user)
    assert.include(reach.text(), '1 kortinhaltijan')
  })
})
