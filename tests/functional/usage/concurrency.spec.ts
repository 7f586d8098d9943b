import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Organisation from '#registry/models/organisation'
import CardUse from '#usage/models/card_use'
import RegistrationService from '#usage/services/registration_service'
import OfferService from '#offers/services/offer_service'
import Occurrence from '#offers/models/occurrence'
import { cardPlacesOf } from '#offers/services/restrictions'
import { lockOffer } from '#offers/services/registration_targets'
import { FieldError } from '#core/services/field_error'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer } from '#tests/helpers/offer_fixtures'

/*
| The cap under load. These tests run outside the per-test transaction:
| every registration takes its own connection and transaction, as in
| production, so they really race (on MariaDB; SQLite runs one writer at a
| time). They remove every row they made, so
| no other test sees them, in whatever order the files run.
*/
/** What these tests write, children before parents: each test removes its own rows. */
const TABLES = [
  'uses',
  'occurrences',
  'offers',
  'card_events',
  'wellbeing_responses',
  'cards',
  'users',
  'organisations',
  'municipalities',
  'areas',
]

test.group('Registering a use under load', (group) => {
  let before = new Map<string, number>()
  group.each.setup(async () => {
    before = new Map()
    for (const table of TABLES) {
      const row = await db.from(table).max('id as id').first()
      before.set(table, Number(row?.id ?? 0))
    }
  })
  group.each.teardown(async () => {
    for (const table of TABLES) await db.from(table).where('id', '>', before.get(table)!).delete()
  })

  test('50 simultaneous registrations for the last 3 places give exactly 3 uses', async ({
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue)
    const occurrence = await createOccurrence(offer, { capacity: 200, cardCap: 10 })
    const distributor = await createUser('distributor')
    const cards = []
    for (let i = 0; i < 57; i++) cards.push(await issueCard(distributor, { childrenCount: 0 }))

    const service = new RegistrationService()
    const choice = `occurrence-${occurrence.id}`
    // Seven places are taken first: three left.
    for (const card of cards.slice(0, 7)) {
      await service.register({ code: card.code, choice, submissionKey: randomUUID() }, venueUser)
    }

    const results = await Promise.allSettled(
      cards
        .slice(7)
        .map((card) =>
          service.register({ code: card.code, choice, submissionKey: randomUUID() }, venueUser)
        )
    )
    const registered = results.filter((result) => result.status === 'fulfilled')
    const refused = results.filter(
      (result) =>
        result.status === 'rejected' &&
        result.reason instanceof FieldError &&
        result.reason.messageKey === 'usage.refused.cap_reached'
    )
    assert.lengthOf(registered, 3)
    assert.lengthOf(refused, 47)
    // Each counted the places left under the lock, one after the other: what the box office shows next.
    assert.sameMembers(
      registered.map((result) => result.status === 'fulfilled' && result.value.placesLeft),
      [2, 1, 0]
    )
    const uses = await CardUse.query().where('occurrence_id', occurrence.id)
    assert.lengthOf(uses, 10)
  }).timeout(60_000)

  test('one card sent to the same production from many box offices at once gets one ticket', async ({
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue, { oncePerCard: true })
    const shows = [await createOccurrence(offer), await createOccurrence(offer, { daysAhead: 5 })]
    const card = await issueCard(await createUser('distributor'))

    const service = new RegistrationService()
    await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        service.register(
          { code: card.code, choice: `occurrence-${shows[i % 2].id}`, submissionKey: randomUUID() },
          venueUser
        )
      )
    )
    assert.lengthOf(await CardUse.query().where('card_code', card.code), 1)
  }).timeout(60_000)

  test('a venue lowering the cap while the box office registers never leaves more places taken than the cap', async ({
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue)
    const distributor = await createUser('distributor')
    const cards = []
    for (let i = 0; i < 60; i++) cards.push(await issueCard(distributor, { childrenCount: 0 }))

    const registrations = new RegistrationService()
    const offers = new OfferService()
    // Three rounds: 5 places taken of 10, then 15 registrations race a change of the cap to 7.
    for (let round = 0; round < 3; round++) {
      const show = await createOccurrence(offer, {
        capacity: 200,
        cardCap: 10,
        daysAhead: 3 + round,
      })
      const choice = `occurrence-${show.id}`
      const roundCards = cards.slice(round * 20, round * 20 + 20)
      for (const card of roundCards.slice(0, 5)) {
        await registrations.register(
          { code: card.code, choice, submissionKey: randomUUID() },
          venueUser
        )
      }
      const racing = roundCards
        .slice(5)
        .map((card) =>
          registrations.register(
            { code: card.code, choice, submissionKey: randomUUID() },
            venueUser
          )
        )
      const change = offers.updateOccurrence(await Occurrence.findOrFail(show.id), {
        capacity: 200,
        cardCap: 7,
      })
      const [changed] = await Promise.allSettled([change, ...racing])
      if (changed.status === 'rejected') {
        assert.equal((changed.reason as FieldError).messageKey, 'offers.below_taken')
      }

      const saved = await Occurrence.findOrFail(show.id)
      const taken = await CardUse.query()
        .where('occurrence_id', show.id)
        .sum('places as taken')
        .first()
      assert.isAtMost(Number(taken!.$extras.taken), cardPlacesOf(saved), `round ${round}`)
    }
  }).timeout(120_000)

  test('lowering the cap waits for a registration in flight, and counts it', async ({ assert }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue)
    const show = await createOccurrence(offer, { capacity: 200, cardCap: 10 })
    const distributor = await createUser('distributor')
    const cards = []
    for (let i = 0; i < 8; i++) cards.push(await issueCard(distributor, { childrenCount: 0 }))
    const registrations = new RegistrationService()
    for (const card of cards.slice(0, 7)) {
      const choice = `occurrence-${show.id}`
      await registrations.register(
        { code: card.code, choice, submissionKey: randomUUID() },
        venueUser
      )
    }

    const editing = await Occurrence.findOrFail(show.id)
    // A registration in flight: it holds the offer's lock and has written its use, not yet committed.
    const inFlight = await db.transaction()
    await lockOffer(offer.id, inFlight)
    await CardUse.create(
      {
        cardCode: cards[7].code,
        organisationId: venue.id,
        offerId: offer.id,
        occurrenceId: show.id,
        usedOn: show.startsAt,
        places: 1,
        childrenCount: 0,
        status: 'registered',
        registeredByUserId: venueUser.id,
        registeredByOrganisationId: venue.id,
        submissionKey: randomUUID(),
      },
      { client: inFlight }
    )
    const change = new OfferService().updateOccurrence(editing, { capacity: 200, cardCap: 7 }).then(
      () => 'saved',
      (error: FieldError) => error.messageKey
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    await inFlight.commit()

    assert.equal(await change, 'offers.below_taken', 'eight places are taken once it commits')
    assert.equal((await Occurrence.findOrFail(show.id)).cardCap, 10)
  }).timeout(60_000)
})
