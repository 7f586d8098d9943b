import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import Offer from '#offers/models/offer'
import Occurrence from '#offers/models/occurrence'
import Genre from '#offers/models/genre'
import VenueRule from '#offers/models/venue_rule'
import Organisation from '#registry/models/organisation'
import { createUser } from '#tests/helpers/fixtures'
import { createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { today } from '#core/services/time'
import { RECORD_AFTERWARDS_DAYS } from '#offers/services/restrictions'
import { urlFor } from '@adonisjs/core/services/url_builder'

async function venueUser() {
  const user = await createUser('venue')
  return { user, venue: await Organisation.findOrFail(user.organisationId) }
}

async function offerForm(venue: Organisation, overrides: Record<string, unknown> = {}) {
  const genre = await Genre.findByOrFail('key', 'jazz')
  return {
    title: 'Jazzia kirjastossa',
    description: 'Trio soittaa standardeja ja omia sävellyksiä.',
    offerType: 'performance',
    genreId: String(genre.id),
    municipalityId: String(venue.municipalityId),
    location: 'Pääkirjasto, Pirkankatu 2',
    accessibility: 'Hissi, induktiosilmukka.',
    children: 'by_type',
    ...overrides,
  }
}

const nextWeek = () => today().plus({ days: 7 })

function occurrenceForm(overrides: Record<string, unknown> = {}) {
  return {
    date: nextWeek().toISODate(),
    time: '19:00',
    capacity: '100',
    submissionKey: randomUUID(),
    ...overrides,
  }
}

const countOffers = async (venueId: number) =>
  (await Offer.query().where('organisation_id', venueId)).length
const countOccurrences = async (offerId: number) =>
  (await Occurrence.query().where('offer_id', offerId)).length

test.group('A venue publishes offers', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('creates an offer with its restrictions, shown in plain words', async ({
    client,
    assert,
  }) => {
    const { user, venue } = await venueUser()
    const form = await offerForm(venue, {
      oncePerCard: 'true',
      weekendsExcluded: 'true',
      bookingOpensDays: '14',
      published: 'true',
    })
    const response = await client
      .post(urlFor('venue_offers.store'))
      .form(form)
      .withCsrfToken()
      .loginAs(user)
    response.assertTextIncludes('Tarjous tallennettiin.')
    const offer = await Offer.findByOrFail('organisation_id', venue.id)
    assert.equal(offer.title, 'Jazzia kirjastossa')
    assert.isTrue(offer.childrenAllowed)
    assert.isTrue(offer.oncePerCard)
    assert.isTrue(offer.weekendsExcluded)
    assert.equal(offer.bookingOpensDays, 14)
    assert.isTrue(offer.published)
    for (const text of [
      'Tähän tuotantoon saa lipun kerran.',
      'Kortti ei käy viikonloppuesityksiin.',
      'Kortilla voi varata 14 päivää ennen esitystä.',
      'Saman talouden alle 18-vuotiaat lapset saavat maksuttoman lipun',
    ]) {
      response.assertTextIncludes(text)
    }
  })

  test('a course keeps children out by default', async ({ client, assert }) => {
    const { user, venue } = await venueUser()
    await client
      .post(urlFor('venue_offers.store'))
      .form(await offerForm(venue, { offerType: 'course' }))
      .withCsrfToken()
      .loginAs(user)
    const offer = await Offer.findByOrFail('organisation_id', venue.id)
    assert.isFalse(offer.childrenAllowed)
  })

  const refusals: Array<[string, Record<string, unknown>, string, string]> = [
    ['empty name', { title: '' }, 'title', 'Täytä kohta nimi.'],
    ['unknown genre', { genreId: '999999' }, 'genreId', 'Valitse lajityyppi listasta.'],
    [
      'booking opening too late',
      { bookingOpensDays: '3' },
      'bookingOpensDays',
      'Varauksen on avauduttava vähintään 7 päivää ennen esitystä',
    ],
    [
      'a swimming series under 30 visits',
      { offerType: 'series', yearlyVisits: '20' },
      'yearlyVisits',
      'Sarjalipussa on oltava vähintään 30 käyntiä vuodessa',
    ],
    [
      'a swimming series without visits',
      { offerType: 'series' },
      'yearlyVisits',
      'Kirjoita käyntien määrä kortilla vuodessa: vähintään 30.',
    ],
    [
      'library fees without a cap',
      { offerType: 'library_fees' },
      'yearlyEuroCap',
      'Kirjoita eurot kortilla vuodessa.',
    ],
    [
      'a period that ends before it starts',
      { offerType: 'exhibition', availableFrom: '2027-05-01', availableUntil: '2027-04-01' },
      'availableUntil',
      'Viimeisen päivän on oltava sama tai myöhempi kuin ensimmäinen päivä.',
    ],
    [
      'a malformed date',
      { offerType: 'exhibition', availableFrom: '31.2.x' },
      'availableFrom',
      'päivämäärä',
    ],
  ]
  for (const [name, overrides, field, message] of refusals) {
    test(`refused: ${name}, with the typed input kept`, async ({ client, assert }) => {
      const { user, venue } = await venueUser()
      const page = await client
        .post(urlFor('venue_offers.store'))
        .form(await offerForm(venue, overrides))
        .withCsrfToken()
        .loginAs(user)
        .header('referer', urlFor('venue_offers.create'))
      page.assertTextIncludes(message)
      assert.include(page.text(), `id="${field}-error"`)
      assert.include(page.text(), 'Trio soittaa standardeja')
      assert.equal(await countOffers(venue.id), 0)
    })
  }

  test('edits its own offer; another venue gets 404 and changes nothing', async ({
    client,
    assert,
  }) => {
    const { user, venue } = await venueUser()
    const offer = await createOffer(venue)
    const edit = await client.get(urlFor('venue_offers.edit', { id: offer.id })).loginAs(user)
    edit.assertStatus(200)
    assert.include(edit.text(), `value="${offer.title}"`)

    const other = await venueUser()
    const refused = await client
      .put(urlFor('venue_offers.update', { id: offer.id }))
      .form(await offerForm(venue, { title: 'Kaapattu' }))
      .withCsrfToken()
      .loginAs(other.user)
    refused.assertStatus(404)
    await offer.refresh()
    assert.notEqual(offer.title, 'Kaapattu')

    await client
      .put(urlFor('venue_offers.update', { id: offer.id }))
      .form(await offerForm(venue, { title: 'Uusi nimi' }))
      .withCsrfToken()
      .loginAs(user)
    await offer.refresh()
    assert.equal(offer.title, 'Uusi nimi')
  })

  test('a refused edit keeps what was sent, an unticked box included', async ({
    client,
    assert,
  }) => {
    const { user, venue } = await venueUser()
    const offer = await createOffer(venue, { oncePerCard: true })
    const page = await client
      .put(urlFor('venue_offers.update', { id: offer.id }))
      .form(await offerForm(venue, { title: '', weekendsExcluded: 'true' }))
      .withCsrfToken()
      .loginAs(user)
      .header('referer', urlFor('venue_offers.edit', { id: offer.id }))
    page.assertTextIncludes('Täytä kohta nimi.')
    assert.match(
      page.text(),
      /name="weekendsExcluded" id="weekendsExcluded" value="true"\s+checked/
    )
    assert.notMatch(page.text(), /name="oncePerCard" id="oncePerCard" value="true"\s+checked/)
    await offer.refresh()
    assert.isTrue(offer.oncePerCard)
  })

  test('a stale edit form is refused, keeps what was typed, and saves when sent again', async ({
    client,
    assert,
  }) => {
    const { user, venue } = await venueUser()
    const offer = await createOffer(venue, { title: 'Alkuperäinen' })
    const form = await client.get(urlFor('venue_offers.edit', { id: offer.id })).loginAs(user)
    const opened = form.text().match(/name="revision" value="(\d+)"/)![1]
    // Someone else saves the offer meanwhile, within the same second.
    await client
      .put(urlFor('venue_offers.update', { id: offer.id }))
      .form(await offerForm(venue, { title: 'Toisen muutos', revision: opened }))
      .withCsrfToken()
      .loginAs(user)

    const stale = await client
      .put(urlFor('venue_offers.update', { id: offer.id }))
      .form(await offerForm(venue, { title: 'Minun muutokseni', revision: opened }))
      .withCsrfToken()
      .loginAs(user)
    stale.assertTextIncludes('Joku muu muutti tarjousta sen jälkeen, kun avasit lomakkeen.')
    assert.include(stale.text(), 'value="Minun muutokseni"')
    await offer.refresh()
    assert.equal(offer.title, 'Toisen muutos')

    const revision = stale.text().match(/name="revision" value="(\d+)"/)![1]
    await client
      .put(urlFor('venue_offers.update', { id: offer.id }))
      .form(await offerForm(venue, { title: 'Minun muutokseni', revision }))
      .withCsrfToken()
      .loginAs(user)
    await offer.refresh()
    assert.equal(offer.title, 'Minun muutokseni')
  })

  test('venue rules: at most N open bookings per card, 1-50', async ({ client, assert }) => {
    const { user, venue } = await venueUser()
    const bad = await client
      .post(urlFor('venue_rules.update'))
      .form({ maxOpenBookings: '0' })
      .withCsrfToken()
      .loginAs(user)
      .header('referer', urlFor('venue_rules.edit'))
    bad.assertTextIncludes('Kirjoita luku 1–50 tai jätä tyhjäksi.')
    assert.isNull(await VenueRule.findBy('organisation_id', venue.id))
    await client
      .post(urlFor('venue_rules.update'))
      .form({ maxOpenBookings: '2' })
      .withCsrfToken()
      .loginAs(user)
    assert.equal((await VenueRule.findByOrFail('organisation_id', venue.id)).maxOpenBookings, 2)
    await client
      .post(urlFor('venue_rules.update'))
      .form({ maxOpenBookings: '' })
      .withCsrfToken()
      .loginAs(user)
    assert.isNull((await VenueRule.findByOrFail('organisation_id', venue.id)).maxOpenBookings)
  })

  test('other roles cannot manage offers', async ({ client }) => {
    for (const role of ['distributor', 'ticket_agent', 'area_coordinator'] as const) {
      const response = await client
        .get(urlFor('venue_offers.create'))
        .loginAs(await createUser(role))
      response.assertStatus(404)
    }
  })
})

test.group('A venue adds occurrences', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('one a week, for example every Tuesday in spring', async ({ client, assert }) => {
    const { user, venue } = await venueUser()
    const offer = await createOffer(venue)
    // The next Tuesday, and nine more weeks.
    const firstTuesday = today().plus({ days: ((2 - today().weekday + 7) % 7) + 7 })
    const response = await client
      .post(urlFor('occurrences.store', { offerId: offer.id }))
      .form(
        occurrenceForm({
          date: firstTuesday.toISODate(),
          repeatUntil: firstTuesday.plus({ weeks: 9, days: 2 }).toFormat('d.M.yyyy'),
          time: '18.30',
          cardCap: '3',
        })
      )
      .withCsrfToken()
      .loginAs(user)
    response.assertTextIncludes('10 esitystä lisättiin.')
    const occurrences = await Occurrence.query().where('offer_id', offer.id).orderBy('starts_at')
    assert.lengthOf(occurrences, 10)
    for (const occurrence of occurrences) {
      const local = occurrence.startsAt.setZone('Europe/Helsinki')
      assert.equal(local.weekday, 2)
      assert.equal(local.toFormat('HH:mm'), '18:30')
      assert.equal(occurrence.cardCap, 3)
    }
  })

  test('a double-submitted form adds the occurrences once', async ({ client, assert }) => {
    const { user, venue } = await venueUser()
    const offer = await createOffer(venue)
    const form = occurrenceForm()
    await client
      .post(urlFor('occurrences.store', { offerId: offer.id }))
      .form(form)
      .withCsrfToken()
      .loginAs(user)
    await client
      .post(urlFor('occurrences.store', { offerId: offer.id }))
      .form(form)
      .withCsrfToken()
      .loginAs(user)
    assert.equal(await countOccurrences(offer.id), 1)
  })

  const refusals: Array<[string, Record<string, unknown>, Partial<Offer>, string, string]> = [
    [
      'a cap below 3 % of the capacity',
      { capacity: '300', cardCap: '8' },
      {},
      'cardCap',
      'Korttipaikkoja on oltava vähintään 3 % paikoista, ylöspäin pyöristettynä: tähän esitykseen 9–300.',
    ],
    [
      'a cap below 20 for more than 1,000 people',
      { capacity: '5000', cardCap: '19' },
      {},
      'cardCap',
      'Yli 1\u00a0000 paikan tilaisuudessa korttipaikkoja on oltava vähintään 20: 20–5000.',
    ],
    [
      'a course without a place',
      { capacity: '12', cardCap: '0' },
      { type: 'course' },
      'cardCap',
      'Kurssilla on oltava vähintään 1 korttipaikka: 1–12.',
    ],
    [
      'a guest production with 11 places',
      { capacity: '500', cardCap: '11' },
      { guestProduction: true },
      'cardCap',
      'Vierailuesityksessä voi olla 2–10 korttipaikkaa: tässä 2–10.',
    ],
    [
      'a guest production without a cap',
      { capacity: '500' },
      { guestProduction: true },
      'cardCap',
      'Vierailuesitykselle tarvitaan korttipaikkojen raja.',
    ],
    [
      'a capacity of zero',
      { capacity: '0' },
      {},
      'capacity',
      'Paikkoja yhteensä on oltava 1–100\u00a0000.',
    ],
    [
      'a negative capacity',
      { capacity: '-5' },
      {},
      'capacity',
      'Paikkoja yhteensä on oltava 1–100\u00a0000.',
    ],
    [
      'a date further back than recording afterwards reaches',
      {
        date: today()
          .minus({ days: RECORD_AFTERWARDS_DAYS + 1 })
          .toISODate(),
      },
      {},
      'date',
      `Esityksen voi lisätä jälkikäteen enintään ${RECORD_AFTERWARDS_DAYS} päivää taaksepäin.`,
    ],
    [
      'a malformed date',
      { date: '2026-13-45' },
      {},
      'date',
      'Kirjoita päivämäärä muodossa 24.11.2026.',
    ],
    ['a malformed time', { time: '25:00' }, {}, 'time', 'Kirjoita aika tunteina ja minuutteina'],
    [
      'more than a year of weekly shows',
      { repeatUntil: nextWeek().plus({ weeks: 60 }).toISODate() },
      {},
      'repeatUntil',
      'Voit lisätä kerralla enintään 53 esitystä.',
    ],
  ]
  for (const [name, overrides, offerOverrides, field, message] of refusals) {
    test(`refused: ${name}`, async ({ client, assert }) => {
      const { user, venue } = await venueUser()
      const offer = await createOffer(venue, offerOverrides)
      const page = await client
        .post(urlFor('occurrences.store', { offerId: offer.id }))
        .form(occurrenceForm(overrides))
        .withCsrfToken()
        .loginAs(user)
        .header('referer', urlFor('occurrences.create', { offerId: offer.id }))
      page.assertTextIncludes(message)
      assert.include(page.text(), `id="${field}-error"`)
      assert.equal(await countOccurrences(offer.id), 0)
    })
  }

  test('allowed: exactly the minimum caps', async ({ client, assert }) => {
    const { user, venue } = await venueUser()
    const cases: Array<[Partial<Offer>, string, string]> = [
      [{}, '300', '9'],
      [{}, '5000', '20'],
      [{ type: 'course' }, '12', '1'],
      [{ guestProduction: true }, '500', '2'],
      [{ guestProduction: true }, '500', '10'],
    ]
    for (const [offerOverrides, capacity, cardCap] of cases) {
      const offer = await createOffer(venue, offerOverrides)
      await client
        .post(urlFor('occurrences.store', { offerId: offer.id }))
        .form(occurrenceForm({ capacity, cardCap }))
        .withCsrfToken()
        .loginAs(user)
      assert.equal(await countOccurrences(offer.id), 1, `${capacity}/${cardCap}`)
    }
  })

  test('an occurrence with uses stays; one without is removed after confirming', async ({
    client,
    assert,
  }) => {
    const { user, venue } = await venueUser()
    const offer = await createOffer(venue)
    const used = await Occurrence.create({
      offerId: offer.id,
      startsAt: DateTime.now().plus({ days: 2 }),
      capacity: 50,
      cardCap: null,
      excludedKind: null,
    })
    await recordUse('AAAAAAAAA', offer, used, { status: 'cancelled' })
    const usedPage = await client
      .get(urlFor('occurrences.confirm_destroy', { offerId: offer.id, id: used.id }))
      .loginAs(user)
    usedPage.assertTextIncludes('Esitykseen on kirjattu käyttöjä (myös peruttuja)')
    const refused = await client
      .post(urlFor('occurrences.destroy', { offerId: offer.id, id: used.id }))
      .withCsrfToken()
      .loginAs(user)
    refused.assertTextIncludes('Esitykseen on kirjattu käyttöjä, joten sitä ei poistettu')
    await used.refresh()

    const occurrence = await Occurrence.create({
      offerId: offer.id,
      startsAt: DateTime.now().plus({ days: 3 }),
      capacity: 50,
      cardCap: null,
      excludedKind: null,
    })
    const confirm = await client
      .get(urlFor('occurrences.confirm_destroy', { offerId: offer.id, id: occurrence.id }))
      .loginAs(user)
    confirm.assertTextIncludes('Poistoa ei voi perua.')
    const response = await client
      .post(urlFor('occurrences.destroy', { offerId: offer.id, id: occurrence.id }))
      .withCsrfToken()
      .loginAs(user)
    response.assertTextIncludes('Esitys poistettiin.')
    assert.equal(await countOccurrences(offer.id), 1)
  })
})

test.group('A venue changes an occurrence', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('capacity, cap and exclusion; never a cap below the places taken or the rule', async ({
    client,
    assert,
  }) => {
    const { user, venue } = await venueUser()
    const offer = await createOffer(venue)
    const occurrence = await Occurrence.create({
      offerId: offer.id,
      startsAt: DateTime.now().plus({ days: 5 }),
      capacity: 100,
      cardCap: 10,
      excludedKind: null,
    })
    for (let i = 0; i < 4; i++) {
      await recordUse(`CODE${i}`, offer, occurrence)
    }
    const params = { offerId: offer.id, id: occurrence.id }
    const form = await client.get(urlFor('occurrences.edit', params)).loginAs(user)
    form.assertTextIncludes('Korttipaikkoja käytetty nyt: 4.')

    const put = (body: Record<string, unknown>) =>
      client
        .put(urlFor('occurrences.update', params))
        .form(body)
        .withCsrfToken()
        .loginAs(user)
        .header('referer', urlFor('occurrences.edit', params))
    const belowTaken = await put({ capacity: '100', cardCap: '3' })
    belowTaken.assertTextIncludes(
      'Korttipaikkoja on jo käytetty 4. Raja ei voi olla tätä pienempi.'
    )
    const belowRule = await put({ capacity: '200', cardCap: '5' })
    belowRule.assertTextIncludes('tähän esitykseen 6–200')
    await occurrence.refresh()
    assert.equal(occurrence.cardCap, 10)

    const saved = await put({ capacity: '200', cardCap: '6', excludedKind: 'premiere' })
    saved.assertTextIncludes('Esityksen tiedot tallennettiin.')
    await occurrence.refresh()
    assert.deepEqual(
      [occurrence.capacity, occurrence.cardCap, occurrence.excludedKind],
      [200, 6, 'premiere']
    )

    const other = await venueUser()
    const refused = await client
      .put(urlFor('occurrences.update', params))
      .form({ capacity: '5' })
      .withCsrfToken()
      .loginAs(other.user)
    refused.assertStatus(404)
    const otherForm = await client.get(urlFor('occurrences.edit', params)).loginAs(other.user)
    otherForm.assertStatus(404)
    await occurrence.refresh()
    assert.equal(occurrence.capacity, 200)
  })
})
