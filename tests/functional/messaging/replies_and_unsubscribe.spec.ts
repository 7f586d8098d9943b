import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import NotificationSetting from '#omakaiku/models/notification_setting'
import type Account from '#omakaiku/models/account'
import OutboxMessage from '#messaging/models/outbox_message'
import { queueTicketReminders } from '#messaging/jobs/ticket_reminders'
import { drainOutbox } from '#messaging/services/outbox_worker'
import Organisation from '#registry/models/organisation'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder } from '#tests/helpers/holder'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'
import { optIn } from '#tests/helpers/messaging'
import { ZONE } from '#core/services/time'
import { inboundSms, twilioSignature } from '#tests/helpers/twilio_webhooks'
import { urlFor } from '@adonisjs/core/services/url_builder'

const PHONE = '+358409876543'

const signed = twilioSignature
const inbound = (body: string, from = PHONE) => inboundSms(body, from)

async function holderWithSms(locale: 'fi' | 'sv' | 'en' = 'fi') {
  const distributor = await createUser('distributor')
  const card = await issueCard(distributor)
  const account = await createHolder(card, { phone: PHONE, locale })
  await optIn(account, ['ticketReminders', 'cardExpiry'], ['byEmail', 'bySms'])
  return account
}

/** The holder has a ticket the day after tomorrow and has been sent its reminder (e-mail and SMS). */
async function remindedOfATicket(account: Account) {
  const venueUser = await createUser('venue')
  const offer = await createOffer(await Organisation.findOrFail(venueUser.organisationId))
  await recordUse(account.cardCode, offer, await createOccurrence(offer, { daysAhead: 2 }))
  await queueTicketReminders(noon())
  await drainOutbox({ now: noon })
}

const noon = () => DateTime.now().setZone(ZONE).startOf('day').set({ hour: 12 })

// Twilio's console is set up with the webhook addresses, so they stay literal here.
test.group('Messaging: SMS replies, delivery reports and unsubscribing', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    fakeSmtp.inbox = []
    fakeTwilio.reset()
  })

  test('STOP with a valid signature turns SMS off and says so; START turns it back on', async ({
    client,
    assert,
  }) => {
    const account = await holderWithSms()
    const stop = inbound('Stop')
    const response = await client
      .post('/webhooks/twilio/inbound')
      .header('X-Twilio-Signature', signed('/webhooks/twilio/inbound', stop))
      .form(stop)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/xml; charset=utf-8')
    assert.include(response.text(), '<Message>Kaikukortti: et saa enää tekstiviestejä.')
    let setting = await NotificationSetting.findOrFail(account.id)
    assert.isFalse(setting.bySms)
    assert.isTrue(setting.byEmail, 'e-mail stays as it was')
    assert.isTrue(setting.ticketReminders)

    const start = inbound('ALOITA')
    await client
      .post('/webhooks/twilio/inbound')
      .header('X-Twilio-Signature', signed('/webhooks/twilio/inbound', start))
      .form(start)
    setting = await NotificationSetting.findOrFail(account.id)
    assert.isTrue(setting.bySms)
  })

  test('the Swedish word works and the answer comes in the holder language; HELP answers', async ({
    client,
    assert,
  }) => {
    const account = await holderWithSms('sv')
    const sluta = inbound('SLUTA')
    const response = await client
      .post('/webhooks/twilio/inbound')
      .header('X-Twilio-Signature', signed('/webhooks/twilio/inbound', sluta))
      .form(sluta)
    assert.include(response.text(), 'du får inte längre sms')
    assert.isFalse((await NotificationSetting.findOrFail(account.id)).bySms)

    const help = inbound('help')
    const answer = await client
      .post('/webhooks/twilio/inbound')
      .header('X-Twilio-Signature', signed('/webhooks/twilio/inbound', help))
      .form(help)
    assert.include(answer.text(), 'STOP')
    assert.isFalse((await NotificationSetting.findOrFail(account.id)).bySms, 'HELP changes nothing')
  })

  test('a STOP with a bad or missing signature is refused (403) and changes nothing', async ({
    client,
    assert,
  }) => {
    const account = await holderWithSms()
    const stop = inbound('STOP')
    const forged = await client
      .post('/webhooks/twilio/inbound')
      .header('X-Twilio-Signature', signed('/webhooks/twilio/inbound', stop, 'wrong-token'))
      .form(stop)
    forged.assertStatus(403)
    const tampered = await client
      .post('/webhooks/twilio/inbound')
      .header('X-Twilio-Signature', signed('/webhooks/twilio/inbound', inbound('START')))
      .form(stop)
    tampered.assertStatus(403)
    const unsigned = await client.post('/webhooks/twilio/inbound').form(stop)
    unsigned.assertStatus(403)
    assert.isTrue((await NotificationSetting.findOrFail(account.id)).bySms)
  })

  test('a signed delivery report marks the SMS delivered; an unsigned one is refused', async ({
    client,
    assert,
  }) => {
    const account = await holderWithSms()
    await remindedOfATicket(account)
    const sms = fakeTwilio.lastTo(PHONE)!
    assert.equal(sms.statusCallback, `${env.get('APP_URL')}/webhooks/twilio/status`)
    const row = await OutboxMessage.query().where('provider_message_id', sms.sid).firstOrFail()

    const report = {
      MessageSid: sms.sid,
      MessageStatus: 'delivered',
      AccountSid: 'AC' + '0'.repeat(32),
    }
    const unsigned = await client.post('/webhooks/twilio/status').form(report)
    unsigned.assertStatus(403)
    await row.refresh()
    assert.equal(row.status, 'sent')

    const response = await client
      .post('/webhooks/twilio/status')
      .header('X-Twilio-Signature', signed('/webhooks/twilio/status', report))
      .form(report)
    response.assertStatus(204)
    await row.refresh()
    assert.equal(row.status, 'delivered')
    assert.isNotNull(row.deliveredAt)
  })

  test('the unsubscribe link works without signing in: a button, then one kind turned off', async ({
    client,
    assert,
  }) => {
    const account = await holderWithSms()
    await remindedOfATicket(account)
    const mail = fakeSmtp.lastTo(account.email)!
    const link = /^List-Unsubscribe:\s+<([^>]+)>/m.exec(mail.raw)![1]
    assert.include(
      mail.text,
      `En halua enää tällaisia viestejä: ${link}`,
      'the same link in the text'
    )
    const path = new URL(link).pathname + new URL(link).search

    const page = await client.get(path)
    page.assertStatus(200)
    assert.include(page.text(), 'Lopeta nämä viestit')
    assert.isTrue(
      (await NotificationSetting.findOrFail(account.id)).ticketReminders,
      'opening the link changes nothing'
    )

    // The RFC 8058 one-click POST that mail programs send: no session, no CSRF token.
    const oneClick = await client.post(path).form({ 'List-Unsubscribe': 'One-Click' })
    oneClick.assertStatus(200)
    assert.include(oneClick.text(), 'Et saa enää viestejä')
    const setting = await NotificationSetting.findOrFail(account.id)
    assert.isFalse(setting.ticketReminders)
    assert.isTrue(setting.cardExpiry, 'other kinds stay on')
    assert.isTrue(setting.enabled)
  })

  test('an unsubscribe link with a changed address or signature is not found', async ({
    client,
    assert,
  }) => {
    const account = await holderWithSms()
    const other = await holderWithSms()
    const tamperedAccount = await client.post(
      `/oma/unsubscribe/${other.id}/ticket_reminder?signature=forged`
    )
    tamperedAccount.assertStatus(404)
    const noSignature = await client.get(
      urlFor('messaging.unsubscribe', { account: account.id, kind: 'ticket_reminder' })
    )
    noSignature.assertStatus(404)
    assert.isTrue((await NotificationSetting.findOrFail(other.id)).ticketReminders)
  })
})
