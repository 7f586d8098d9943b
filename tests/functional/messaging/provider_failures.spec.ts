import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import Organisation from '#registry/models/organisation'
import OutboxMessage from '#messaging/models/outbox_message'
import { queueTicketReminders } from '#messaging/jobs/ticket_reminders'
import { drainOutbox } from '#messaging/services/outbox_worker'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder } from '#tests/helpers/holder'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'
import { nextNoon, optIn, outboxOf } from '#tests/helpers/messaging'
import { urlFor } from '@adonisjs/core/services/url_builder'

/** Holders with a ticket to a show the day after tomorrow, each opted in to reminders. */
async function holdersWithTickets(count: number, channels: ('byEmail' | 'bySms')[]) {
  const venueUser = await createUser('venue')
  const venue = await Organisation.findOrFail(venueUser.organisationId)
  const offer = await createOffer(venue, { title: 'Kevätuhri' })
  const show = await createOccurrence(offer, { daysAhead: 2 })
  const distributor = await createUser('distributor')
  const accounts = []
  for (let i = 0; i < count; i++) {
    const card = await issueCard(distributor)
    const account = await createHolder(card, { phone: `+35840900000${i}` })
    await recordUse(card.code, offer, show)
    await optIn(account, ['ticketReminders'], channels)
    accounts.push(account)
  }
  return accounts
}

function statuses(channel: 'email' | 'sms') {
  return OutboxMessage.query()
    .where('channel', channel)
    .orderBy('id')
    .then((rows) => rows.map((row) => row.status))
}

test.group('Messaging: provider failures', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    fakeSmtp.reset()
    fakeTwilio.reset()
    return () => {
      fakeSmtp.reset()
      fakeSmtp.rotatePassword(env.get('SMTP_PASSWORD', ''))
      fakeTwilio.reset()
      fakeTwilio.rotateToken(env.get('TWILIO_AUTH_TOKEN', ''))
    }
  })

  test('a rotated Twilio token pauses SMS: nothing dead, the admin told, sent once it is right', async ({
    assert,
    client,
  }) => {
    await holdersWithTickets(3, ['bySms'])
    const noon = nextNoon()
    await queueTicketReminders(noon)
    fakeTwilio.rotateToken('a-new-token-the-app-does-not-know')

    await drainOutbox({ now: () => noon })
    // Messages already in flight when the first refusal came back are refused too; no more are tried.
    const refusals = fakeTwilio.requests
    assert.isAtLeast(refusals, 1)
    assert.lengthOf(fakeTwilio.sent, 0)
    assert.deepEqual(await statuses('sms'), ['queued', 'queued', 'queued'])
    const rows = await OutboxMessage.query().where('channel', 'sms')
    assert.isTrue(
      rows.every((row) => row.attempts === 0),
      'a pause uses up no attempt'
    )

    const admin = await createUser('admin')
    const dashboard = await client.get(urlFor('deliveries.index')).loginAs(admin)
    dashboard.assertStatus(200)
    assert.include(dashboard.text(), 'Lähetys kanavalla Tekstiviesti on keskeytetty')
    assert.include(dashboard.text(), 'TWILIO_AUTH_TOKEN')

    await drainOutbox({ now: () => noon.plus({ minutes: 2 }) })
    assert.equal(fakeTwilio.requests, refusals, 'not tried again while paused')

    await drainOutbox({ now: () => noon.plus({ minutes: 6 }) })
    assert.isAbove(fakeTwilio.requests, refusals, 'tried again after the pause, still refused')
    assert.deepEqual(await statuses('sms'), ['queued', 'queued', 'queued'])

    fakeTwilio.rotateToken(env.get('TWILIO_AUTH_TOKEN', ''))
    await drainOutbox({ now: () => noon.plus({ minutes: 12 }) })
    assert.lengthOf(fakeTwilio.sent, 3)
    assert.deepEqual(await statuses('sms'), ['sent', 'sent', 'sent'])
    const after = await client.get(urlFor('deliveries.index')).loginAs(admin)
    assert.notInclude(after.text(), 'on keskeytetty')
  })

  test('an SMTP password refused with 535 pauses e-mail only; SMS still go', async ({ assert }) => {
    await holdersWithTickets(2, ['byEmail', 'bySms'])
    const noon = nextNoon()
    await queueTicketReminders(noon)
    fakeSmtp.rotatePassword('changed-on-the-server')

    await drainOutbox({ now: () => noon })
    assert.lengthOf(fakeSmtp.inbox, 0)
    assert.deepEqual(await statuses('email'), ['queued', 'queued'])
    assert.deepEqual(await statuses('sms'), ['sent', 'sent'], 'the other channel is not paused')
    const [row] = await OutboxMessage.query().where('channel', 'email')
    assert.include(row.lastError!, '535')

    fakeSmtp.rotatePassword(env.get('SMTP_PASSWORD', ''))
    await drainOutbox({ now: () => noon.plus({ minutes: 6 }) })
    assert.lengthOf(fakeSmtp.inbox, 2)
    assert.deepEqual(await statuses('email'), ['sent', 'sent'])
  })

  test('a server that insists on signing in (530) pauses e-mail too', async ({ assert }) => {
    await holdersWithTickets(1, ['byEmail'])
    const noon = nextNoon()
    await queueTicketReminders(noon)
    fakeSmtp.requireAuth = true
    fakeSmtp.rotatePassword('changed-on-the-server')

    await drainOutbox({ now: () => noon })
    assert.deepEqual(await statuses('email'), ['queued'])
  })

  test('a recipient refused with 550 is dead; the others are sent', async ({ assert }) => {
    const [refused, ...others] = await holdersWithTickets(3, ['byEmail'])
    fakeSmtp.refuse(refused.email)
    const noon = nextNoon()
    await queueTicketReminders(noon)

    await drainOutbox({ now: () => noon })
    const [row] = await outboxOf(refused)
    assert.equal(row.status, 'dead')
    assert.include(row.lastError!, '550')
    assert.notInclude(row.lastError!, refused.email, 'no address in the error')
    for (const other of others) {
      assert.equal((await outboxOf(other))[0].status, 'sent')
    }
    assert.lengthOf(fakeSmtp.inbox, 2)
  })

  test('a recipient deferred with 451 is retried later and then sent', async ({ assert }) => {
    const [deferred] = await holdersWithTickets(1, ['byEmail'])
    fakeSmtp.defer(deferred.email, 1)
    const noon = nextNoon()
    await queueTicketReminders(noon)

    await drainOutbox({ now: () => noon })
    const [row] = await outboxOf(deferred)
    assert.equal(row.status, 'failed')
    assert.include(row.lastError!, '451')
    assert.lengthOf(fakeSmtp.inbox, 0)

    await drainOutbox({ now: () => row.nextAttemptAt })
    await row.refresh()
    assert.equal(row.status, 'sent')
    assert.equal(row.attempts, 2)
    assert.lengthOf(fakeSmtp.inbox, 1)
  })
})
