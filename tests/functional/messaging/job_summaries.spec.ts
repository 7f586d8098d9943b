import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import Organisation from '#registry/models/organisation'
import { runJob } from '#messaging/services/job_runner'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder } from '#tests/helpers/holder'
import { optIn } from '#tests/helpers/messaging'
import { ZONE } from '#core/services/time'

/** Noon tomorrow, Finnish time: outside the quiet hours. */
const noon = () => DateTime.now().setZone(ZONE).startOf('day').plus({ days: 1 }).set({ hour: 12 })

/*
| A job's record says what it did: a second run that finds everything
| queued already says 0, not how many candidates it looked at.
*/
test.group('Scheduled jobs: what a run says it did', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('ticket reminders count the messages newly queued', async ({ assert }) => {
    const venueUser = await createUser('venue')
    const offer = await createOffer(await Organisation.findOrFail(venueUser.organisationId))
    const show = await createOccurrence(offer, { daysAhead: 2 })
    const distributor = await createUser('distributor')
    for (const phone of [undefined, '+358403333333']) {
      const card = await issueCard(distributor)
      const account = await createHolder(card, phone ? { phone } : {})
      await recordUse(card.code, offer, show)
      await optIn(account, ['ticketReminders'], phone ? ['byEmail', 'bySms'] : ['byEmail'])
    }

    assert.equal((await runJob('ticket_reminders', noon()))?.detail, '3 message(s) queued')
    assert.equal((await runJob('ticket_reminders', noon()))?.detail, '0 message(s) queued')
  })

  test('the statistics job says how much it refreshed: everything at first, then what changed', async ({
    assert,
  }) => {
    const first = await runJob('statistics', noon())
    assert.equal(first?.outcome, 'ok')
    assert.match(
      first!.detail!,
      /^everything: \d+ cards, \d+ uses, yearly totals: all years in \d+ ms$/
    )
    const next = await runJob('statistics', noon().plus({ minutes: 10 }))
    assert.match(
      next!.detail!,
      /^what changed: \d+ cards, \d+ uses, yearly totals: \d+ year\(s\) in \d+ ms$/
    )
  })

  test('due campaigns count the campaigns dispatched and the messages queued', async ({
    assert,
  }) => {
    const run = await runJob('campaigns', noon())
    assert.equal(run?.detail, '0 campaign(s) dispatched, 0 message(s) queued')
  })
})
