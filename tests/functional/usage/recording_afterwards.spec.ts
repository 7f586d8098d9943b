import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Occurrence from '#offers/models/occurrence'
import CardUse from '#usage/models/card_use'
import { RECORD_AFTERWARDS_DAYS } from '#offers/services/restrictions'
import { ticketsStartingBetween } from '#usage/services/ticket_notices'
import { ZONE, today } from '#core/services/time'
import { createOccurrence, createOffer, registrationForm } from '#tests/helpers/offer_fixtures'
import { createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import {
  cardRefusalIn,
  chosenShow,
  radioShows,
  register,
  scene,
  show,
} from '#tests/helpers/registration_scene'

/*
| Recording afterwards (the operating model: a use is registered at purchase
| or afterwards): a venue adds a show that has passed, up to
| RECORD_AFTERWARDS_DAYS back, and the box office registers the card uses it
| forgot to enter, on the show's date and under the card's rules of that day.
*/

function showForm(date: DateTime, overrides: Record<string, unknown> = {}) {
  return {
    date: date.toISODate(),
    time: '19:00',
    capacity: '100',
    submissionKey: randomUUID(),
    ...overrides,
  }
}

/** A card issued long enough ago to be valid on the past shows. */
async function oldCard(distributor: Parameters<typeof issueCard>[0]) {
  const card = await issueCard(distributor)
  card.issuedOn = today().minus({ days: RECORD_AFTERWARDS_DAYS + 10 })
  await card.save()
  return card
}

test.group('Recording afterwards: a past show and its uses', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a venue adds a show 3 days back, and one at the limit; it is marked as recorded afterwards', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const form = await client
      .get(urlFor('occurrences.create', { offerId: s.offer.id }))
      .loginAs(s.venueUser)
    form.assertTextIncludes(
      `voit lisätä myös menneen esityksen, enintään ${RECORD_AFTERWARDS_DAYS} päivää taaksepäin`
    )

    const threeDaysBack = today().minus({ days: 3 })
    const added = await client
      .post(urlFor('occurrences.store', { offerId: s.offer.id }))
      .form(showForm(threeDaysBack))
      .withCsrfToken()
      .loginAs(s.venueUser)
    added.assertTextIncludes('Yksi esitys lisättiin.')
    added.assertTextIncludes('Menneet esitykset on merkitty jälkikirjaukseksi.')
    added.assertTextIncludes('Jälkikirjaus')
    const show3 = await Occurrence.query()
      .where('offer_id', s.offer.id)
      .whereNot('id', s.occurrence.id)
      .firstOrFail()
    assert.equal(show3.startsAt.setZone(ZONE).toISODate(), threeDaysBack.toISODate())
    assert.equal(show3.startsAt.setZone(ZONE).hour, 19)
    assert.isTrue(show3.addedAfterwards)
    await s.occurrence.refresh()
    assert.isFalse(s.occurrence.addedAfterwards)

    const atLimit = await client
      .post(urlFor('occurrences.store', { offerId: s.offer.id }))
      .form(showForm(today().minus({ days: RECORD_AFTERWARDS_DAYS })))
      .withCsrfToken()
      .loginAs(s.venueUser)
    atLimit.assertTextIncludes('Yksi esitys lisättiin.')
    assert.lengthOf(await Occurrence.query().where('offer_id', s.offer.id), 3)
  })

  test('further back is refused next to the date, the typed date kept; a double submit adds once', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const tooOld = today().minus({ days: RECORD_AFTERWARDS_DAYS + 1 })
    const refused = await client
      .post(urlFor('occurrences.store', { offerId: s.offer.id }))
      .form(showForm(tooOld, { capacity: '250' }))
      .withCsrfToken()
      .loginAs(s.venueUser)
      .header('referer', urlFor('occurrences.create', { offerId: s.offer.id }))
    assert.match(
      refused.text(),
      new RegExp(
        `id="date-error">.*Esityksen voi lisätä jälkikäteen enintään ${RECORD_AFTERWARDS_DAYS} päivää taaksepäin\\.`
      )
    )
    assert.include(refused.text(), `value="${tooOld.toISODate()}"`)
    assert.include(refused.text(), 'value="250"')
    assert.lengthOf(await Occurrence.query().where('offer_id', s.offer.id), 1)

    const once = showForm(today().minus({ days: 2 }))
    for (let i = 0; i < 2; i++) {
      await client
        .post(urlFor('occurrences.store', { offerId: s.offer.id }))
        .form(once)
        .withCsrfToken()
        .loginAs(s.venueUser)
    }
    assert.lengthOf(await Occurrence.query().where('offer_id', s.offer.id), 2)
  })

  test('the box office picks the past show and registers a use on its date', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const past = await createOccurrence(s.offer, { daysAhead: -3, createdAt: DateTime.now() })
    const card = await oldCard(s.distributor)

    // Listed under recording afterwards, the date first; chosen, it is a radio button.
    const form = await client.get(urlFor('registrations.create')).loginAs(s.venueUser)
    const when = past.startsAt.setZone(ZONE)
    assert.match(
      form.text(),
      new RegExp(
        `<optgroup label="Jälkikirjaus: viimeiset ${RECORD_AFTERWARDS_DAYS} päivää">\\s*<option value="${show(past)}">[a-z]{2} ${when.toFormat('d.M.')} klo 19.00 — ${s.offer.title} · 100 korttipaikkaa jäljellä · jälkikirjaus</option>`
      )
    )
    assert.notInclude(radioShows(form.text()), show(past))
    const picked = await client
      .get(urlFor('registrations.create', {}, { qs: { choice: show(past) } }))
      .loginAs(s.venueUser)
    assert.equal(chosenShow(picked.text()), show(past))

    const page = await register(client, s.venueUser, registrationForm(card.code, show(past)))
    page.assertTextIncludes('Kirjattu: kortti')
    assert.equal(chosenShow(page.text()), show(past))
    const use = await CardUse.query().where('occurrence_id', past.id).firstOrFail()
    assert.equal(use.usedOn.toISODate(), when.toISODate())
    assert.equal(use.status, 'registered')

    // Nobody is reminded of a show added afterwards, or thanked for it.
    const planned = await createOccurrence(s.offer, { daysAhead: -2 })
    const other = await oldCard(s.distributor)
    await register(client, s.venueUser, registrationForm(other.code, show(planned)))
    const notices = await ticketsStartingBetween(today().minus({ days: 5 }), today())
    assert.deepEqual(
      notices.map((notice) => notice.cardCode),
      [other.code]
    )
  })

  test('a card that was not valid on the show date is refused; a show beyond the limit too', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const past = await createOccurrence(s.offer, { daysAhead: -3, createdAt: DateTime.now() })
    // Issued today: not yet valid three days ago.
    const page = await register(client, s.venueUser, registrationForm(s.card.code, show(past)))
    const answer = cardRefusalIn(page.text())
    assert.include(answer, 'Kortti ei ole voimassa')
    assert.include(answer, past.startsAt.setZone(ZONE).toFormat('d.M.yyyy'))
    assert.equal((await CardUse.query().where('occurrence_id', past.id)).length, 0)

    const card = await oldCard(s.distributor)
    const tooOld = await createOccurrence(s.offer, { daysAhead: -(RECORD_AFTERWARDS_DAYS + 2) })
    const refused = await register(
      client,
      s.venueUser,
      registrationForm(card.code, show(tooOld))
    ).header('referer', urlFor('registrations.create'))
    assert.match(
      refused.text(),
      new RegExp(
        `id="choice-error">.*Käyttöjä voi kirjata jälkikäteen enintään ${RECORD_AFTERWARDS_DAYS} päivää taaksepäin`
      )
    )
    assert.equal((await CardUse.query().where('occurrence_id', tooOld.id)).length, 0)
  })

  test("another venue's past show: 404 for its shows form and roster, not offered, not registered", async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const elsewhere = await scene()
    const theirs = await createOccurrence(elsewhere.offer, { daysAhead: -3 })
    const card = await oldCard(s.distributor)

    const added = await client
      .post(urlFor('occurrences.store', { offerId: elsewhere.offer.id }))
      .form(showForm(today().minus({ days: 3 })))
      .withCsrfToken()
      .loginAs(s.venueUser)
    added.assertStatus(404)
    assert.lengthOf(await Occurrence.query().where('offer_id', elsewhere.offer.id), 2)
    const roster = await client.get(urlFor('rosters.show', { id: theirs.id })).loginAs(s.venueUser)
    roster.assertStatus(404)

    const form = await client
      .get(urlFor('registrations.create', {}, { qs: { choice: show(theirs) } }))
      .loginAs(s.venueUser)
    assert.notInclude(form.text(), `value="${show(theirs)}"`)
    assert.notInclude(form.text(), elsewhere.offer.title)
    const refused = await register(client, s.venueUser, registrationForm(card.code, show(theirs)))
    refused.assertTextIncludes('Valitse esitys tai tarjous listasta.')
    assert.equal((await CardUse.query().where('occurrence_id', theirs.id)).length, 0)
  })

  test('a ticket agent narrowed to one venue picks its past show', async ({ client, assert }) => {
    const s = await scene()
    const past = await createOccurrence(s.offer, { daysAhead: -1 })
    const area = await s.venue.related('area').query().firstOrFail()
    const agent = await createUser('ticket_agent', {
      organisation: await createOrganisation('ticket_agent', area),
    })
    const otherVenue = await createOrganisation('venue', area)
    await createOccurrence(await createOffer(otherVenue, { title: 'Toisen kohteen esitys' }), {
      daysAhead: -1,
    })
    const card = await oldCard(s.distributor)
    const page = await register(
      client,
      agent,
      registrationForm(card.code, show(past), { venue: String(s.venue.id) })
    )
    page.assertTextIncludes('Kirjattu: kortti')
    assert.equal(chosenShow(page.text()), show(past))
    assert.include(page.text(), `(${s.venue.name})`)
    assert.notInclude(page.text(), 'Toisen kohteen esitys')
  })
})
