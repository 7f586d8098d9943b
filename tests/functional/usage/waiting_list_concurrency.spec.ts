import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Organisation from '#registry/models/organisation'
import CardUse from '#usage/models/card_use'
import WaitingListEntry from '#usage/models/waiting_list_entry'
import RegistrationService from '#usage/services/registration_service'
import UseChanges from '#usage/services/use_changes'
import { joinWaitingList } from '#usage/services/waiting_list'
import { answerOffer } from '#usage/services/waiting_list_answers'
import { placesHeld } from '#usage/services/waiting_list_holds'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder } from '#tests/helpers/holder'
import { optIn } from '#tests/helpers/messaging'

/*
| The waiting list under load. Like the registration race tests, these run
| outside the per-test transaction: every offer and answer takes its own
| connection and transaction, so they really race (on MariaDB; SQLite runs
| one writer at a time). Each test removes the rows it made.
*/
const REGISTRY = [
  'waiting_list_entries',
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
const OMAKAIKU = ['outbox_messages', 'notification_genres', 'notification_settings', 'accounts']
const idColumn = (table: string) =>
  table === 'notification_settings' || table === 'notification_genres' ? 'account_id' : 'id'

/** Card places the show's open offers hold and its uses take. */
async function placesGiven(occurrenceId: number) {
  const taken = await CardUse.query()
    .where('occurrence_id', occurrenceId)
    .whereNot('status', 'cancelled')
    .sum('places as taken')
    .first()
  const held = await db.transaction((trx) => placesHeld(trx, occurrenceId))
  return { taken: Number(taken?.$extras.taken ?? 0), held }
}

test.group('Waiting list under load', (group) => {
  const before = new Map<string, number>()
  group.each.setup(async () => {
    for (const table of REGISTRY) {
      const row = await db.from(table).max('id as id').first()
      before.set(table, Number(row?.id ?? 0))
    }
    for (const table of OMAKAIKU) {
      const row = await db
        .connection('omakaiku')
        .from(table)
        .max(`${idColumn(table)} as id`)
        .first()
      before.set(`omakaiku.${table}`, Number(row?.id ?? 0))
    }
  })
  group.each.teardown(async () => {
    for (const table of OMAKAIKU) {
      await db
        .connection('omakaiku')
        .from(table)
        .where(idColumn(table), '>', before.get(`omakaiku.${table}`)!)
        .delete()
    }
    for (const table of REGISTRY) await db.from(table).where('id', '>', before.get(table)!).delete()
  })

  /** A full show (cap 10) and twelve reachable cards on its waiting list. */
  async function fullShowWithList() {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue)
    const occurrence = await createOccurrence(offer, { capacity: 200, cardCap: 10 })
    const distributor = await createUser('distributor')
    const tickets = []
    for (let i = 0; i < 10; i++) {
      const card = await issueCard(distributor, { childrenCount: 0 })
      tickets.push(await recordUse(card.code, offer, occurrence))
    }
    const entries = []
    for (let i = 0; i < 12; i++) {
      const card = await issueCard(distributor, { childrenCount: 0 })
      await optIn(await createHolder(card), ['ticketReminders'], ['byEmail'])
      entries.push(
        await joinWaitingList(
          { offer, occurrence },
          card.code,
          { childrenCount: 0, groupSize: null },
          null
        )
      )
    }
    return { venueUser, offer, occurrence, distributor, tickets, entries }
  }

  test('four places freeing at once are offered to exactly four cards', async ({ assert }) => {
    const world = await fullShowWithList()
    const changes = new UseChanges()
    await Promise.all(world.tickets.slice(0, 4).map((use) => changes.cancelByVenue(use)))

    const offered = await WaitingListEntry.query()
      .where('occurrence_id', world.occurrence.id)
      .where('status', 'offered')
      .orderBy('id')
    assert.deepEqual(
      offered.map((entry) => entry.id),
      world.entries.slice(0, 4).map((entry) => entry.id),
      'the first four in line'
    )
    const { taken, held } = await placesGiven(world.occurrence.id)
    assert.equal(taken + held, 10)
  }).timeout(60_000)

  test('holders answering at once, twice each, while the box office registers walk-ins, never pass the cap', async ({
    assert,
  }) => {
    const world = await fullShowWithList()
    const changes = new UseChanges()
    await Promise.all(world.tickets.slice(0, 3).map((use) => changes.cancelByVenue(use)))
    const offered = await WaitingListEntry.query()
      .where('occurrence_id', world.occurrence.id)
      .where('status', 'offered')
    assert.lengthOf(offered, 3)

    const walkIns = []
    for (let i = 0; i < 5; i++)
      walkIns.push(await issueCard(world.distributor, { childrenCount: 0 }))
    const registrations = new RegistrationService()
    const results = await Promise.allSettled([
      // Each holder answers yes by SMS and by the e-mail's button at the same moment; one says no.
      ...offered
        .slice(0, 2)
        .flatMap((entry) => [answerOffer(entry, true), answerOffer(entry, true)]),
      answerOffer(offered[2], false),
      // More places free while they answer.
      changes.cancelByVenue(world.tickets[3]),
      ...walkIns.map((card) =>
        registrations.register(
          {
            code: card.code,
            choice: `occurrence-${world.occurrence.id}`,
            submissionKey: randomUUID(),
          },
          world.venueUser
        )
      ),
    ])
    const crashed = results.filter(
      (result) => result.status === 'rejected' && !('messageKey' in (result.reason as object))
    )
    assert.lengthOf(crashed, 0, 'only refusals, no errors')

    const { taken, held } = await placesGiven(world.occurrence.id)
    assert.isAtMost(taken + held, 10)
    for (const entry of offered.slice(0, 2)) {
      assert.lengthOf(
        await CardUse.query().where('card_code', entry.cardCode).where('status', 'registered'),
        1,
        'one ticket per holder, however many answers'
      )
    }
    // No walk-in took a place held for someone on the list.
    assert.equal(taken + held, 10, 'every freed place is taken or offered')
  }).timeout(60_000)
})
