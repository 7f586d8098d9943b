import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Organisation from '#registry/models/organisation'
import CardUse from '#usage/models/card_use'
import RegistrationService from '#usage/services/registration_service'
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
})
