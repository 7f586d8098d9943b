import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import twilio from 'twilio'
import testUtils from '@adonisjs/core/services/test_utils'
import { signedUrlFor, urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import Organisation from '#registry/models/organisation'
import type Card from '#registry/models/card'
import Occurrence from '#offers/models/occurrence'
import OfferService from '#offers/services/offer_service'
import CardUse from '#usage/models/card_use'
import WaitingListEntry from '#usage/models/waiting_list_entry'
import RegistrationService from '#usage/services/registration_service'
import UseChanges from '#usage/services/use_changes'
import { joinWaitingList, offerOnAllLists } from '#usage/services/waiting_list'
import { answerOffer } from '#usage/services/waiting_list_answers'
import { cleanUpUsageRows } from '#usage/services/retention_cleanup'
import OutboxMessage from '#messaging/models/outbox_message'
import { type FieldError } from '#core/services/field_error'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder } from '#tests/helpers/holder'
import { optIn } from '#tests/helpers/messaging'

const AUTH_TOKEN = 'test-twilio-auth-token'
// Twilio's console is set up with the webhook address, so it stays literal here.
const INBOUND = '/webhooks/twilio/inbound'

function smsFrom(phone: string, body: string) {
  return {
    MessageSid: 'SM' + '1'.repeat(32),
    AccountSid: 'AC' + '0'.repeat(32),
    From: phone,
    To: '+358500000000',
    Body: body,
  }
}
const signed = (form: Record<string, string>) =>
  twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${env.get('APP_URL')}${INBOUND}`, form)

/** A full show (cap 2, both places taken) and its venue. */
async function fullShow() {
  const venueUser = await createUser('venue')
  const venue = await Organisation.findOrFail(venueUser.organisationId)
  const offer = await createOffer(venue)
  const occurrence = await createOccurrence(offer, { capacity: 100, cardCap: 2 })
  const distributor = await createUser('distributor')
  const tickets = []
  for (let i = 0; i < 2; i++) {
    const card = await issueCard(distributor, { childrenCount: 0 })
    tickets.push(await recordUse(card.code, offer, occurrence))
  }
  return { venueUser, venue, offer, occurrence, distributor, tickets }
}

/** The holder alone, with no children. */
const ALONE = { childrenCount: 0, groupSize: null }

let phones = 0
/** A card on the list whose holder gets ticket messages by e-mail and SMS (or none, when not reachable). */
async function waitingHolder(
  world: Awaited<ReturnType<typeof fullShow>>,
  reachable = true
): Promise<{ card: Card; entry: WaitingListEntry; phone: string }> {
  const card = await issueCard(world.distributor, { childrenCount: 0 })
  const phone = `+35840${String(1000000 + ++phones)}`
  const account = await createHolder(card, { phone })
  if (reachable) await optIn(account, ['ticketReminders'], ['byEmail', 'bySms'])
  const entry = await joinWaitingList(
    { offer: world.offer, occurrence: world.occurrence },
    card.code,
    ALONE,
    null
  )
  return { card, entry, phone }
}

const statusOf = async (entry: WaitingListEntry) =>
  (await WaitingListEntry.findOrFail(entry.id)).status

const usesOf = (occurrence: Occurrence) =>
  CardUse.query().where('occurrence_id', occurrence.id).whereNot('status', 'cancelled')

test.group('Waiting list', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a card joins only a full show, once, and sees its position', async ({ assert }) => {
    const world = await fullShow()
    const first = await waitingHolder(world)
    const second = await waitingHolder(world)
    const again = await joinWaitingList(
      { offer: world.offer, occurrence: world.occurrence },
      second.card.code,
      ALONE,
      { organisationId: world.venue.id, userId: world.venueUser.id }
    )
    assert.equal(again.id, second.entry.id, 'a double submit adds once')
    assert.deepEqual(
      (await WaitingListEntry.query().where('occurrence_id', world.occurrence.id)).map(
        (e) => e.cardCode
      ),
      [first.card.code, second.card.code]
    )

    const roomy = await createOccurrence(world.offer, { daysAhead: 4 })
    const card = await issueCard(world.distributor)
    const refusal = await joinWaitingList(
      { offer: world.offer, occurrence: roomy },
      card.code,
      ALONE,
      null
    )
      .then(() => null)
      .catch((error: FieldError) => error.messageKey)
    assert.equal(refusal, 'usage.waiting.places_left')
  })

  test('a cancellation offers the place to the first reachable card, and an unreachable one keeps its place', async ({
    assert,
  }) => {
    const world = await fullShow()
    const unreachable = await waitingHolder(world, false)
    const first = await waitingHolder(world)
    const second = await waitingHolder(world)

    await new UseChanges().cancelByVenue(world.tickets[0])

    assert.equal(await statusOf(unreachable.entry), 'waiting')
    assert.equal(await statusOf(first.entry), 'offered')
    assert.equal(await statusOf(second.entry), 'waiting')
    const messages = await OutboxMessage.query().where('kind', 'waiting_list_offer')
    assert.sameMembers(
      messages.map((m) => `${m.cardCode}:${m.channel}`),
      [`${first.card.code}:email`, `${first.card.code}:sms`]
    )

    // The held place counts as taken: the box office cannot give it to a walk-in.
    const walkIn = await issueCard(world.distributor, { childrenCount: 0 })
    const refused = await new RegistrationService()
      .register(
        {
          code: walkIn.code,
          choice: `occurrence-${world.occurrence.id}`,
          submissionKey: randomUUID(),
        },
        world.venueUser
      )
      .catch((error: FieldError) => error.messageKey)
    assert.equal(refused, 'usage.refused.cap_reached')
    // Nor can the venue lower the cap below the places taken and held.
    const lowered = await new OfferService()
      .updateOccurrence(await Occurrence.findOrFail(world.occurrence.id), {
        capacity: 100,
        cardCap: 1,
      })
      .then(() => null)
      .catch((error: FieldError) => error.messageKey)
    assert.equal(lowered, 'offers.below_taken')

    // A second place frees: the next reachable card is offered it, the unreachable one still waits.
    await new UseChanges().cancelByVenue(world.tickets[1])
    assert.equal(await statusOf(second.entry), 'offered')
    assert.equal(await statusOf(unreachable.entry), 'waiting')

    // The unreachable holder turns up when the first says no: the box office registers the card,
    // and its entry on the list is settled with the ticket.
    await answerOffer(await WaitingListEntry.findOrFail(first.entry.id), false)
    const { use } = await new RegistrationService().register(
      {
        code: unreachable.card.code,
        choice: `occurrence-${world.occurrence.id}`,
        submissionKey: randomUUID(),
      },
      world.venueUser
    )
    const settled = await WaitingListEntry.findOrFail(unreachable.entry.id)
    assert.equal(settled.status, 'accepted')
    assert.equal(settled.useId, use.id)
  })

  test('a booking released because attendance was not confirmed, and a booker’s cancellation, offer the place', async ({
    assert,
  }) => {
    const world = await fullShow()
    const first = await waitingHolder(world)
    const second = await waitingHolder(world)
    assert.isTrue(await new UseChanges().releaseUnconfirmed(world.tickets[0]))
    assert.equal(await statusOf(first.entry), 'offered')
    await new UseChanges().cancelByBooker(world.tickets[1])
    assert.equal(await statusOf(second.entry), 'offered')
  })

  test('a lost card moved to a new code keeps its place on the list', async ({
    client,
    assert,
  }) => {
    const world = await fullShow()
    const holder = await waitingHolder(world)
    const response = await client
      .post(urlFor('card_changes.update', { id: holder.card.id, change: 'replace' }))
      .form({
        codeSource: 'new',
        confirm: 'on',
        revision: String(holder.card.revision),
        submissionKey: randomUUID(),
      })
      .withCsrfToken()
      .loginAs(world.distributor)
      .redirects(0)
    response.assertStatus(302)
    await holder.card.refresh()
    const entry = await WaitingListEntry.findOrFail(holder.entry.id)
    assert.notEqual(holder.card.code, holder.entry.cardCode)
    assert.equal(entry.cardCode, holder.card.code)
    assert.equal(
      entry.activeKey,
      WaitingListEntry.activeKeyOf(world.occurrence.id, holder.card.code)
    )
  })

  test('a yes by SMS registers the place; a no passes it to the next', async ({
    client,
    assert,
  }) => {
    const world = await fullShow()
    const first = await waitingHolder(world)
    const second = await waitingHolder(world)
    await new UseChanges().cancelByVenue(world.tickets[0])

    const no = smsFrom(first.phone, 'Ei kiitos')
    const declined = await client.post(INBOUND).header('X-Twilio-Signature', signed(no)).form(no)
    declined.assertStatus(200)
    assert.include(declined.text(), 'Paikka menee listalla seuraavalle')
    assert.equal(await statusOf(first.entry), 'declined')
    assert.equal(await statusOf(second.entry), 'offered')

    const yes = smsFrom(second.phone, 'kyllä!')
    const accepted = await client.post(INBOUND).header('X-Twilio-Signature', signed(yes)).form(yes)
    assert.include(accepted.text(), 'paikka on sinun')
    const entry = await WaitingListEntry.findOrFail(second.entry.id)
    assert.equal(entry.status, 'accepted')
    const use = await CardUse.findOrFail(entry.useId!)
    assert.equal(use.cardCode, second.card.code)
    assert.isNull(use.registeredByUserId)
    assert.lengthOf(await usesOf(world.occurrence), 2)
  })

  test('a community card waits with its group, and a yes registers the whole group', async ({
    assert,
  }) => {
    const world = await fullShow()
    const target = { offer: world.offer, occurrence: world.occurrence }
    const worker = await issueCard(world.distributor, {
      type: 'community',
      communityRole: 'worker',
    })
    const account = await createHolder(worker, { phone: '+358409999001' })
    await optIn(account, ['ticketReminders'], ['byEmail', 'bySms'])
    const noGroup = await joinWaitingList(target, worker.code, ALONE, null)
      .then(() => null)
      .catch((error: FieldError) => error.field)
    assert.equal(noGroup, 'groupSize', 'a community card names its group')

    const entry = await joinWaitingList(
      target,
      worker.code,
      { childrenCount: 0, groupSize: 2 },
      null
    )
    assert.equal(entry.places, 2)
    // One freed place is not enough for the group of two; both are.
    await new UseChanges().cancelByVenue(world.tickets[0])
    assert.equal(await statusOf(entry), 'waiting')
    await new UseChanges().cancelByVenue(world.tickets[1])
    assert.equal(await statusOf(entry), 'offered')

    const answer = await answerOffer(await WaitingListEntry.findOrFail(entry.id), true)
    assert.equal(answer.outcome, 'accepted')
    const use = await CardUse.findOrFail((await WaitingListEntry.findOrFail(entry.id)).useId!)
    assert.equal(use.groupSize, 2)
    assert.equal(use.places, 2)
  })

  test('a card joins with its children, never more than the card names', async ({ assert }) => {
    const world = await fullShow()
    const target = { offer: world.offer, occurrence: world.occurrence }
    const parent = await issueCard(world.distributor, { childrenCount: 1 })
    const tooMany = await joinWaitingList(
      target,
      parent.code,
      { childrenCount: 2, groupSize: null },
      null
    )
      .then(() => null)
      .catch((error: FieldError) => error.messageKey)
    assert.equal(tooMany, 'usage.refused.too_many_children')
    const entry = await joinWaitingList(
      target,
      parent.code,
      { childrenCount: 1, groupSize: 99 },
      null
    )
    assert.equal(entry.childrenCount, 1)
    assert.isNull(entry.groupSize, 'a personal card has no group')
    assert.equal(entry.places, 2)
  })

  test('unsigned or wrongly signed Twilio answers change nothing', async ({ client, assert }) => {
    const world = await fullShow()
    const holder = await waitingHolder(world)
    await new UseChanges().cancelByVenue(world.tickets[0])
    const yes = smsFrom(holder.phone, 'YES')

    const unsigned = await client.post(INBOUND).form(yes)
    unsigned.assertStatus(403)
    const forged = await client
      .post(INBOUND)
      .header('X-Twilio-Signature', twilio.getExpectedTwilioSignature('wrong', INBOUND, yes))
      .form(yes)
    forged.assertStatus(403)
    assert.equal(await statusOf(holder.entry), 'offered')
    assert.lengthOf(await usesOf(world.occurrence), 1)
  })

  test('a yes after the hold ran out is refused politely, by SMS and by the e-mail button', async ({
    client,
    assert,
  }) => {
    const world = await fullShow()
    const late = await waitingHolder(world)
    const next = await waitingHolder(world)
    await new UseChanges().cancelByVenue(world.tickets[0])
    const until = DateTime.fromISO('2026-01-01T12:30:00Z')
    await WaitingListEntry.query()
      .where('id', late.entry.id)
      .update({ offer_expires_at: until.toSQL({ includeOffset: false }) })

    const yes = smsFrom(late.phone, 'JA')
    const answer = await client.post(INBOUND).header('X-Twilio-Signature', signed(yes)).form(yes)
    assert.include(
      answer.text(),
      'paikkaa tarjottiin klo 14.30 asti; se on mennyt listalla seuraavalle'
    )
    assert.equal(await statusOf(late.entry), 'expired')
    assert.equal(await statusOf(next.entry), 'offered', 'the place went to the next')

    const link = signedUrlFor('waiting_offer.show', { entry: late.entry.id })
    const page = await client.get(link)
    page.assertStatus(200)
    const posted = await client.post(link).form({ answer: 'yes' })
    posted.assertStatus(200)
    assert.include(posted.text(), 'Paikkaa tarjottiin klo 14.30 asti')
    assert.lengthOf(await usesOf(world.occurrence), 1)
  })

  test('the e-mail button: GET changes nothing, POST yes registers, an unsigned link is not found', async ({
    client,
    assert,
  }) => {
    const world = await fullShow()
    const holder = await waitingHolder(world)
    await new UseChanges().cancelByVenue(world.tickets[0])

    const unsigned = await client
      .post(urlFor('waiting_offer.answer', { entry: holder.entry.id }))
      .form({ answer: 'yes' })
    unsigned.assertStatus(404)
    const link = signedUrlFor('waiting_offer.show', { entry: holder.entry.id })
    const page = await client.get(link)
    page.assertStatus(200)
    page.assertTextIncludes('Kyllä, tulen')
    assert.equal(await statusOf(holder.entry), 'offered')

    const first = await client.post(link).form({ answer: 'yes' })
    first.assertTextIncludes('Paikka on sinun')
    const twice = await client.post(link).form({ answer: 'yes' })
    twice.assertTextIncludes('Paikka on sinun')
    assert.lengthOf(await CardUse.query().where('card_code', holder.card.code), 1)
  })

  test('the scheduled job ends holds that ran out and offers the place to the next', async ({
    assert,
  }) => {
    const world = await fullShow()
    const first = await waitingHolder(world)
    const second = await waitingHolder(world)
    await new UseChanges().cancelByVenue(world.tickets[0])
    assert.equal(await statusOf(first.entry), 'offered')

    await offerOnAllLists(DateTime.now().plus({ hours: 4 }))
    assert.equal(await statusOf(first.entry), 'expired')
    assert.equal(await statusOf(second.entry), 'offered')
    const refused = await answerOffer(await WaitingListEntry.findOrFail(first.entry.id), true)
    assert.equal(refused.outcome, 'expired')
  })

  test('a show’s waiting list is removed a month after the show', async ({ assert }) => {
    const world = await fullShow()
    const holder = await waitingHolder(world)
    const after = (days: number) => world.occurrence.startsAt.plus({ days })
    assert.deepEqual(await cleanUpUsageRows(after(29)), [{ kind: 'waitingListEntries', count: 0 }])
    assert.deepEqual(await cleanUpUsageRows(after(31)), [{ kind: 'waitingListEntries', count: 1 }])
    assert.isNull(await WaitingListEntry.find(holder.entry.id))
  })
})
