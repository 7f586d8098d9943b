import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import Organisation from '#registry/models/organisation'
import Card from '#registry/models/card'
import { queueTicketReminders } from '#messaging/jobs/ticket_reminders'
import { queueCardExpiryNotices } from '#messaging/jobs/card_expiry_notices'
import { drainOutbox } from '#messaging/services/outbox_worker'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'
import { optIn, outboxOf } from '#tests/helpers/messaging'
import { ZONE } from '#core/services/time'
import { urlFor } from '@adonisjs/core/services/url_builder'

/** The worker's clock: an hour from now, after anything queued now (e-mail goes at any hour). */
const later = () => DateTime.now().plus({ hours: 1 })

test.group('Messaging: a message must still hold when it is sent', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    fakeSmtp.reset()
    fakeTwilio.reset()
  })

  test('an expiry notice queued before the card was extended is skipped; the extension is sent', async ({
    assert,
    client,
  }) => {
    const distributor = await createUser('distributor')
    const issued = await issueCard(distributor)
    const today = DateTime.now().setZone(ZONE).startOf('day')
    await Card.query()
      .where('id', issued.id)
      .update({ valid_until: today.plus({ days: 5 }).toISODate() })
    const account = await createHolder(issued)
    await optIn(account, ['cardExpiry'])
    await queueCardExpiryNotices(DateTime.now())

    const card = await Card.findOrFail(issued.id)
    await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'extend' }))
      .form({ revision: String(card.revision), submissionKey: randomUUID() })
      .loginAs(distributor)
      .withCsrfToken()
    await drainOutbox({ now: later })

    assert.lengthOf(fakeSmtp.inbox, 1, 'one message, not two that contradict each other')
    assert.include(fakeSmtp.inbox[0].text, 'Kaikukorttisi on nyt voimassa')
    const rows = await outboxOf(account)
    const notice = rows.find((row) => row.kind === 'card_expiring')!
    assert.equal(notice.status, 'skipped')
    assert.equal(notice.lastError, 'the card no longer ends on that date')
    assert.equal(rows.find((row) => row.kind === 'card_extended')!.status, 'sent')
  })

  test('a reminder for a ticket cancelled after it was queued is skipped', async ({
    assert,
    client,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue, { title: 'Kevätuhri' })
    const show = await createOccurrence(offer, { daysAhead: 2 })
    const card = await issueCard(await createUser('distributor'))
    const account = await createHolder(card)
    const ticket = await recordUse(card.code, offer, show)
    await optIn(account, ['ticketReminders'])
    await queueTicketReminders(DateTime.now())

    const browser = await HolderBrowser.signedIn(client, account.email)
    await browser.get(urlFor('my_events.confirm_cancel', { id: ticket.id }))
    await browser.post(urlFor('my_events.cancel', { id: ticket.id }))
    await drainOutbox({ now: later })

    assert.lengthOf(fakeSmtp.inbox, 1)
    assert.include(fakeSmtp.inbox[0].text, 'Olet perunut lippusi tapahtumaan Kevätuhri')
    const rows = await outboxOf(account)
    const reminder = rows.find((row) => row.kind === 'ticket_reminder')!
    assert.equal(reminder.status, 'skipped')
    assert.equal(reminder.lastError, 'the ticket is cancelled')
  })
})
