import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import Organisation from '#registry/models/organisation'
import NotificationSetting from '#omakaiku/models/notification_setting'
import OutboxMessage from '#messaging/models/outbox_message'
import { queueTicketReminders } from '#messaging/jobs/ticket_reminders'
import { queueCardExpiryNotices } from '#messaging/jobs/card_expiry_notices'
import { queueVisitThanks } from '#messaging/jobs/visit_thanks'
import { drainOutbox, sendDueBatch } from '#messaging/services/outbox_worker'
import { runJob } from '#messaging/services/job_runner'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'
import { mailedOutboxIds, optIn, outboxOf } from '#tests/helpers/messaging'
import { ZONE } from '#core/services/time'
import Card from '#registry/models/card'
import { urlFor } from '@adonisjs/core/services/url_builder'

/** A venue with a show the day after tomorrow, and a distributor that issues cards. */
async function scene() {
  const venueUser = await createUser('venue')
  const venue = await Organisation.findOrFail(venueUser.organisationId)
  const offer = await createOffer(venue, { title: 'Kevätuhri' })
  const show = await createOccurrence(offer, { daysAhead: 2 })
  const distributor = await createUser('distributor')
  /** A holder with a ticket to the show. */
  const holderWithTicket = async (overrides = {}) => {
    const card = await issueCard(distributor)
    const account = await createHolder(card, overrides)
    const ticket = await recordUse(card.code, offer, show)
    return { card, account, ticket }
  }
  return { venueUser, venue, offer, show, distributor, holderWithTicket }
}

/** Noon today, Finnish time: outside the quiet hours. */
const noon = () => DateTime.now().setZone(ZONE).startOf('day').set({ hour: 12 })

test.group('Messaging: consent, jobs and the outbox', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    fakeSmtp.inbox = []
    fakeTwilio.reset()
  })

  test('no message reaches a holder who has not opted in to that kind and that channel', async ({
    assert,
  }) => {
    const { holderWithTicket } = await scene()
    const chose = await holderWithTicket({ phone: '+358401111111' })
    await optIn(chose.account, ['ticketReminders'], ['byEmail'])
    const nothingChosen = await holderWithTicket({ phone: '+358402222222' })
    const otherKind = await holderWithTicket()
    await optIn(otherKind.account, ['venueNews', 'cardExpiry'], ['byEmail', 'bySms'])
    const smsWithoutPhone = await holderWithTicket()
    await optIn(smsWithoutPhone.account, ['ticketReminders'], ['bySms'])
    const switchedOff = await holderWithTicket()
    await optIn(switchedOff.account, ['ticketReminders'], ['byEmail'])
    await NotificationSetting.updateOrCreate(
      { accountId: switchedOff.account.id },
      { enabled: false }
    )

    await queueTicketReminders(noon())
    await drainOutbox({ now: noon })

    assert.deepEqual(
      fakeSmtp.inbox.map((mail) => mail.to).flat(),
      [chose.account.email],
      'one mail, to the holder who chose reminders by e-mail'
    )
    assert.lengthOf(fakeTwilio.sent, 0, 'no SMS: nobody chose SMS with a phone number')
    for (const other of [nothingChosen, otherKind, smsWithoutPhone, switchedOff]) {
      assert.lengthOf(await outboxOf(other.account), 0)
    }
    const mail = fakeSmtp.lastTo(chose.account.email)!
    assert.include(mail.text, 'Kevätuhri')
    assert.notInclude(mail.text, chose.account.firstName, 'the message does not need the name')
  })

  test('a reminder job run twice sends each reminder once', async ({ assert }) => {
    const { holderWithTicket } = await scene()
    const holders = [await holderWithTicket(), await holderWithTicket({ phone: '+358403333333' })]
    await optIn(holders[0].account, ['ticketReminders'], ['byEmail'])
    await optIn(holders[1].account, ['ticketReminders'], ['byEmail', 'bySms'])

    await runJob('ticket_reminders', noon())
    await runJob('ticket_reminders', noon())
    await drainOutbox({ now: noon })
    await queueTicketReminders(noon().plus({ minutes: 5 }))
    await drainOutbox({ now: () => noon().plus({ minutes: 5 }) })

    assert.lengthOf(fakeSmtp.inbox, 2)
    assert.lengthOf(fakeTwilio.sent, 1)
    assert.equal(fakeTwilio.sent[0].to, '+358403333333')
    assert.include(fakeTwilio.sent[0].body, 'Kevätuhri')
    assert.include(fakeTwilio.sent[0].body, 'STOP')
    const rows = await OutboxMessage.query().whereIn(
      'account_id',
      holders.map((h) => h.account.id)
    )
    assert.lengthOf(rows, 3)
    assert.isTrue(rows.every((row) => row.status === 'sent' && row.attempts === 1))
  })

  test('on the day of the show, the morning reminder waits until 8 and then goes', async ({
    assert,
  }) => {
    const { offer, distributor } = await scene()
    const todayShow = await createOccurrence(offer, { daysAhead: 0 })
    const card = await issueCard(distributor)
    const account = await createHolder(card)
    await recordUse(card.code, offer, todayShow)
    await optIn(account, ['ticketReminders'])
    const early = DateTime.now().setZone(ZONE).startOf('day').set({ hour: 6 })

    await queueTicketReminders(early)
    await drainOutbox({ now: () => early })
    assert.lengthOf(fakeSmtp.inbox, 0, 'nothing at 6 in the morning')

    await drainOutbox({ now: () => early.set({ hour: 8, minute: 1 }) })
    assert.lengthOf(fakeSmtp.inbox, 1)
  })

  test('no SMS is sent in the quiet hours: it waits and goes in the morning; e-mail goes', async ({
    assert,
  }) => {
    const { holderWithTicket } = await scene()
    const { account } = await holderWithTicket({ phone: '+358404444444' })
    await optIn(account, ['ticketReminders'], ['byEmail', 'bySms'])
    const lateEvening = DateTime.now().setZone(ZONE).startOf('day').set({ hour: 22, minute: 30 })

    await queueTicketReminders(lateEvening)
    await drainOutbox({ now: () => lateEvening })
    assert.lengthOf(fakeSmtp.inbox, 1, 'the e-mail goes at once')
    assert.lengthOf(fakeTwilio.sent, 0, 'no SMS at 22.30')
    const waiting = await OutboxMessage.query()
      .where('account_id', account.id)
      .where('channel', 'sms')
      .firstOrFail()
    assert.equal(waiting.status, 'queued', 'the SMS waits; it is not dropped')

    const sevenFiftyNine = lateEvening.plus({ days: 1 }).set({ hour: 7, minute: 59 })
    await drainOutbox({ now: () => sevenFiftyNine })
    assert.lengthOf(fakeTwilio.sent, 0, 'still quiet at 7.59')

    await drainOutbox({ now: () => sevenFiftyNine.plus({ minutes: 1 }) })
    assert.lengthOf(fakeTwilio.sent, 1, 'sent at 8.00')
    await waiting.refresh()
    assert.equal(waiting.status, 'sent')
    assert.match(waiting.providerMessageId!, /^SM[0-9a-f]{32}$/)
  })

  test('a provider error is retried with growing delays and becomes dead after the limit', async ({
    assert,
  }) => {
    const { holderWithTicket } = await scene()
    const { account } = await holderWithTicket({ phone: '+358405555555' })
    await optIn(account, ['ticketReminders'], ['bySms'])
    await queueTicketReminders(noon())
    fakeTwilio.failNext(100, 503, 20503)

    let clock: DateTime = noon()
    const delays: number[] = []
    for (let attempt = 1; attempt <= 6; attempt++) {
      assert.equal(await sendDueBatch(clock), 1, `attempt ${attempt} is made`)
      const row = await OutboxMessage.query().where('account_id', account.id).firstOrFail()
      assert.equal(row.attempts, attempt)
      if (attempt < 6) {
        assert.equal(row.status, 'failed')
        assert.include(row.lastError!, '503')
        const wait = row.nextAttemptAt.diff(clock, 'seconds').seconds
        delays.push(wait)
        assert.equal(
          await sendDueBatch(clock.plus({ seconds: wait - 1 })),
          0,
          'not before its time'
        )
        clock = row.nextAttemptAt
      } else {
        assert.equal(row.status, 'dead')
      }
    }
    assert.equal(fakeTwilio.requests, 6)
    for (let i = 1; i < delays.length; i++) assert.isAtLeast(delays[i], delays[i - 1])
    assert.isAtLeast(delays[0], 30)
    assert.isAtLeast(delays[4], 16 * 30)
    assert.equal(
      await sendDueBatch(clock.plus({ days: 1 })),
      0,
      'a dead message is not tried again'
    )
  })

  test('a provider that does not answer times out, and the retry goes through', async ({
    assert,
  }) => {
    const { holderWithTicket } = await scene()
    const { account } = await holderWithTicket({ phone: '+358406666666' })
    await optIn(account, ['ticketReminders'], ['bySms'])
    await queueTicketReminders(noon())
    fakeTwilio.hangNext(1)

    await sendDueBatch(noon())
    const row = await OutboxMessage.query().where('account_id', account.id).firstOrFail()
    assert.equal(row.status, 'failed')
    assert.match(row.lastError!, /timeout/i)
    assert.notInclude(row.lastError!, '358406666666', 'the error keeps no phone number')

    await sendDueBatch(row.nextAttemptAt)
    await row.refresh()
    assert.equal(row.status, 'sent')
    assert.lengthOf(fakeTwilio.sent, 1)
  })

  test('a number the provider refuses for good goes to the dead letters at once', async ({
    assert,
  }) => {
    const { holderWithTicket } = await scene()
    const { account } = await holderWithTicket({ phone: '+358407777777' })
    await optIn(account, ['ticketReminders'], ['bySms'])
    await queueTicketReminders(noon())
    fakeTwilio.failNext(1, 400, 21211)

    await sendDueBatch(noon())
    const row = await OutboxMessage.query().where('account_id', account.id).firstOrFail()
    assert.equal(row.status, 'dead')
    assert.equal(row.attempts, 1)
  })

  test('a holder who opts out after a message was queued does not get it', async ({ assert }) => {
    const { holderWithTicket } = await scene()
    const { account } = await holderWithTicket()
    await optIn(account, ['ticketReminders'])
    await queueTicketReminders(noon())
    await optIn(account, ['venueNews'])

    await drainOutbox({ now: noon })
    assert.lengthOf(fakeSmtp.inbox, 0)
    const [row] = await outboxOf(account)
    assert.equal(row.status, 'skipped')
  })

  test('the e-mail is in the holder language, with a text part and a one-click unsubscribe', async ({
    assert,
  }) => {
    const { holderWithTicket } = await scene()
    const { account } = await holderWithTicket({ locale: 'sv' })
    await optIn(account, ['ticketReminders'])
    await queueTicketReminders(noon())
    await drainOutbox({ now: noon })

    const mail = fakeSmtp.lastTo(account.email)!
    assert.match(mail.raw, /^Subject: .*P=C3=A5minnelse|^Subject: Påminnelse/m)
    assert.include(mail.text, 'Du har en biljett till Kevätuhri')
    assert.include(mail.text, 'kl. 19.00', 'the time in Finnish time')
    assert.match(mail.raw, /Content-Type: text\/plain/)
    assert.match(mail.raw, /Content-Type: text\/html/)
    const unsubscribe = /^List-Unsubscribe:\s+<([^>]+)>/m.exec(mail.raw)?.[1] ?? ''
    assert.match(unsubscribe, /\/oma\/unsubscribe\/\d+\/ticket_reminder\?signature=/)
    assert.isTrue(unsubscribe.startsWith(env.get('APP_URL')), 'an absolute link to this app')
    assert.match(mail.raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m)
    assert.deepEqual(
      mailedOutboxIds(),
      (await outboxOf(account)).map((row) => row.id)
    )
  })

  test('card notices: 30 and 7 days before the end, once each; an extension is confirmed', async ({
    assert,
    client,
  }) => {
    const { distributor } = await scene()
    const soon = await issueCard(distributor)
    const later = await issueCard(distributor)
    const today = DateTime.now().setZone(ZONE).startOf('day')
    await Card.query()
      .where('id', soon.id)
      .update({ valid_until: today.plus({ days: 5 }).toISODate() })
    await Card.query()
      .where('id', later.id)
      .update({ valid_until: today.plus({ days: 20 }).toISODate() })
    const soonHolder = await createHolder(soon)
    const laterHolder = await createHolder(later)
    await optIn(soonHolder, ['cardExpiry'])
    await optIn(laterHolder, ['cardExpiry'])

    await queueCardExpiryNotices(noon())
    await queueCardExpiryNotices(noon())
    await drainOutbox({ now: noon })
    assert.lengthOf(fakeSmtp.inbox, 2)
    const [soonNotice] = await outboxOf(soonHolder)
    assert.match(soonNotice.idempotencyKey, /:7:email$/)
    const [laterNotice] = await outboxOf(laterHolder)
    assert.match(laterNotice.idempotencyKey, /:30:email$/)
    const organisation = await Organisation.findOrFail(distributor.organisationId)
    assert.include(fakeSmtp.lastTo(laterHolder.email)!.text, organisation.name, 'whom to ask')

    // The distributor extends the soon-ending card: the holder is told the new date.
    const card = await Card.findOrFail(soon.id)
    await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'extend' }))
      .form({ revision: String(card.revision), submissionKey: randomUUID() })
      .loginAs(distributor)
      .withCsrfToken()
    await card.refresh()
    assert.isAbove(card.validUntil.toMillis(), today.plus({ days: 5 }).toMillis())
    // Queued at the moment of the extension (the real clock).
    await drainOutbox()
    const confirmation = fakeSmtp.lastTo(soonHolder.email)!
    assert.include(confirmation.text, 'Kaikukorttisi on nyt voimassa')
  })

  test('after a show: thanks with a feedback link the next day', async ({ assert }) => {
    const { offer, distributor } = await scene()
    const yesterday = await createOccurrence(offer, { daysAhead: -1 })
    const card = await issueCard(distributor)
    const account = await createHolder(card)
    const visit = await recordUse(card.code, offer, yesterday)
    await optIn(account, ['ticketReminders'])

    await queueVisitThanks(noon())
    await queueVisitThanks(noon())
    await drainOutbox({ now: noon })
    assert.lengthOf(fakeSmtp.inbox, 1)
    assert.include(fakeSmtp.inbox[0].text, urlFor('feedback.create', { id: visit.id }))
  })

  test('a holder who cancels a ticket in OmaKaiku gets a confirmation', async ({
    client,
    assert,
  }) => {
    const { holderWithTicket } = await scene()
    const { account, ticket } = await holderWithTicket()
    await optIn(account, ['ticketReminders'])
    const browser = await HolderBrowser.signedIn(client, account.email)
    await browser.get(urlFor('my_events.confirm_cancel', { id: ticket.id }))
    await browser.post(urlFor('my_events.cancel', { id: ticket.id }))
    const [row] = await outboxOf(account)
    assert.equal(row?.kind, 'cancellation_confirmed')
    await drainOutbox()
    assert.include(
      fakeSmtp.lastTo(account.email)!.text,
      'Olet perunut lippusi tapahtumaan Kevätuhri'
    )
  })
})
