import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ApiClient } from '@japa/api-client'
import NotificationSetting from '#omakaiku/models/notification_setting'
import type Account from '#omakaiku/models/account'
import CardUse from '#usage/models/card_use'
import VenueRule from '#offers/models/venue_rule'
import { queueTicketReminders } from '#messaging/jobs/ticket_reminders'
import { drainOutbox } from '#messaging/services/outbox_worker'
import { releaseUnconfirmed } from '#usage/services/attendance'
import Organisation from '#registry/models/organisation'
import type Offer from '#offers/models/offer'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'
import { optIn } from '#tests/helpers/messaging'
import { ZONE } from '#core/services/time'
import {
  INBOUND_PATH,
  inboundSms,
  smsFromHolder,
  twilioSignature,
} from '#tests/helpers/twilio_webhooks'

const PHONE = '+358401112233'

const noon = () => DateTime.now().setZone(ZONE).startOf('day').set({ hour: 12 })

/** The holder answers by SMS, through Twilio's signed webhook. */
const answer = (client: ApiClient, body: string, from = PHONE) => smsFromHolder(client, body, from)

/** A holder who gets reminders by SMS, with a venue and one of its offers. */
async function scene(locale: 'fi' | 'sv' | 'en' = 'fi') {
  const distributor = await createUser('distributor')
  const card = await issueCard(distributor)
  const account = await createHolder(card, { phone: PHONE, locale })
  await optIn(account, ['ticketReminders'], ['bySms'])
  const venueUser = await createUser('venue')
  const venue = await Organisation.findOrFail(venueUser.organisationId)
  const offer = await createOffer(venue, { title: 'Kevätuhri' })
  return { account, venue, offer }
}

async function ticket(account: Account, offer: Offer, daysAhead = 2) {
  return recordUse(account.cardCode, offer, await createOccurrence(offer, { daysAhead }))
}

test.group('Messaging: a holder answers about tickets by SMS', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    fakeSmtp.inbox = []
    fakeTwilio.reset()
  })

  test('the reminder asks "Coming?" through the real twilio client; 2 cancels the ticket, and the place is free', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const use = await ticket(s.account, s.offer)
    await queueTicketReminders(noon())
    await drainOutbox({ now: noon })
    assert.lengthOf(fakeTwilio.sent, 1)
    assert.equal(fakeTwilio.sent[0].to, PHONE)
    assert.include(fakeTwilio.sent[0].body, 'Tuletko? Vastaa 1 = tulen, 2 = peru lippu.')
    await use.refresh()
    assert.isNotNull(use.attendanceAskedAt)

    const response = await answer(client, '2')
    response.assertStatus(200)
    assert.include(response.text(), 'Kaikukortti: lippusi Kevätuhri')
    assert.include(response.text(), 'on peruttu')
    await use.refresh()
    assert.deepEqual([use.status, use.cancelledBy], ['cancelled', 'holder'])

    const again = await answer(client, '2')
    assert.include(again.text(), 'emme ole kysyneet lähiaikoina')
  })

  test('1 confirms, in the holder’s language; OmaKaiku shows the confirmation', async ({
    client,
    assert,
  }) => {
    const s = await scene('sv')
    const use = await ticket(s.account, s.offer)
    await queueTicketReminders(noon())
    const response = await answer(client, '1')
    assert.include(response.text(), 'Kulturkortet: tack! Din plats är bekräftad: Kevätuhri')
    await use.refresh()
    assert.equal(use.status, 'registered')
    assert.isNotNull(use.attendanceConfirmedAt)

    const holder = await HolderBrowser.signedIn(client, s.account.email)
    const events = await holder.get(urlFor('my_events.index'))
    events.assertTextIncludes('Olet vahvistanut tulosi.')
  })

  test('PERU asks about the next ticket, 2 then cancels that one; SEURAAVA tells the next', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const later = await ticket(s.account, s.offer, 9)
    const sooner = await ticket(s.account, s.offer, 6)

    const next = await answer(client, 'seuraava')
    assert.include(next.text(), 'seuraava lippusi on Kevätuhri')

    const nothing = await answer(client, '2')
    assert.include(nothing.text(), 'emme ole kysyneet lähiaikoina')
    await sooner.refresh()
    assert.equal(sooner.status, 'registered', 'a 2 without a question cancels nothing')

    const ask = await answer(client, 'Peru')
    assert.include(ask.text(), 'perutaanko lippusi Kevätuhri')
    assert.include(ask.text(), 'Vastaa 2, niin lippu perutaan.')
    await answer(client, '2')
    await sooner.refresh()
    await later.refresh()
    assert.equal(sooner.status, 'cancelled')
    assert.equal(later.status, 'registered')
  })

  test('CANCEL is about the ticket, not an opt-out; an unknown number and a holder with no tickets are told so', async ({
    client,
    assert,
  }) => {
    const s = await scene('en')
    const cancel = await answer(client, 'CANCEL')
    assert.include(cancel.text(), 'you have no tickets to come')
    assert.isTrue((await NotificationSetting.findOrFail(s.account.id)).bySms)

    const stranger = await answer(client, 'NEXT', '+358409999999')
    // Nobody to take the language from: Finnish.
    assert.include(stranger.text(), 'tähän numeroon ei ole liitetty OmaKaiku-tiliä')
  })

  test('an unsigned or forged answer changes nothing', async ({ client, assert }) => {
    const s = await scene()
    const use = await ticket(s.account, s.offer)
    await queueTicketReminders(noon())
    const form = inboundSms('2', PHONE)
    const unsigned = await client.post(INBOUND_PATH).form(form)
    unsigned.assertStatus(403)
    const forged = await client
      .post(INBOUND_PATH)
      .header('X-Twilio-Signature', twilioSignature(INBOUND_PATH, form, 'wrong'))
      .form(form)
    forged.assertStatus(403)
    await use.refresh()
    assert.equal(use.status, 'registered')
  })
})

test.group('Usage: releasing bookings left unconfirmed', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('only at a venue that chose it, only bookings asked about and not confirmed, only within its hours', async ({
    assert,
  }) => {
    const s = await scene()
    await VenueRule.create({
      organisationId: s.venue.id,
      maxOpenBookings: null,
      releaseUnconfirmedHours: 6,
    })
    const now = DateTime.now()
    const soon = await createOccurrence(s.offer, { startsAt: now.plus({ hours: 5 }) })
    const tomorrow = await createOccurrence(s.offer, { startsAt: now.plus({ hours: 30 }) })
    const asked = { attendanceAskedAt: now.minus({ hours: 20 }) }
    const code = s.account.cardCode
    const unconfirmed = await recordUse(code, s.offer, soon, asked)
    const confirmed = await recordUse(code, s.offer, soon, {
      ...asked,
      attendanceConfirmedAt: now.minus({ hours: 2 }),
    })
    const neverAsked = await recordUse(code, s.offer, soon)
    const notYet = await recordUse(code, s.offer, tomorrow, asked)

    const otherVenueUser = await createUser('venue')
    const otherOffer = await createOffer(
      await Organisation.findOrFail(otherVenueUser.organisationId)
    )
    const ruleless = await recordUse(
      code,
      otherOffer,
      await createOccurrence(otherOffer, { startsAt: now.plus({ hours: 5 }) }),
      asked
    )

    assert.equal(await releaseUnconfirmed(now), 1)
    const states = await CardUse.query()
      .whereIn(
        'id',
        [unconfirmed, confirmed, neverAsked, notYet, ruleless].map((use) => use.id)
      )
      .orderBy('id')
    assert.deepEqual(
      states.map((use) => [use.status, use.cancelledBy]),
      [
        ['cancelled', 'released'],
        ['registered', null],
        ['registered', null],
        ['registered', null],
        ['registered', null],
      ]
    )
    assert.equal(await releaseUnconfirmed(now), 0, 'a second run releases nothing more')
  })
})
