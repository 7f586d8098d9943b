import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import type User from '#registry/models/user'
import type Card from '#registry/models/card'
import Organisation from '#registry/models/organisation'
import Account from '#omakaiku/models/account'
import NotificationSetting from '#omakaiku/models/notification_setting'
import CardUse from '#usage/models/card_use'
import { queueTicketReminders } from '#messaging/jobs/ticket_reminders'
import { drainOutbox } from '#messaging/services/outbox_worker'
import { PHONE_CODE } from '#omakaiku/services/phone_confirmation'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'
import { ZONE } from '#core/services/time'
import { smsFromHolder } from '#tests/helpers/twilio_webhooks'

const PHONE = '+358405556677'
const noon = () => DateTime.now().setZone(ZONE).startOf('day').set({ hour: 12 })

async function desk() {
  const distributor = await createUser('distributor')
  const card = await issueCard(distributor)
  const organisation = await Organisation.findOrFail(distributor.organisationId)
  return { distributor, card, municipalityId: String(organisation.municipalityId) }
}

type DeskRoute =
  | 'activations.store'
  | 'activations.confirm_phone'
  | 'activations.resend_code'
  | 'activations.resend'

function post(client: ApiClient, staff: User, card: Card, route: DeskRoute, form = {}) {
  return client
    .post(urlFor(route, { id: card.id }))
    .header('referer', urlFor('activations.create', { id: card.id }))
    .form(form)
    .withCsrfToken()
    .loginAs(staff)
    .redirects(0)
}

const codeIn = (sms: { body: string }) => /\b(\d{6})\b/.exec(sms.body)![1]

const answer = (client: ApiClient, body: string) => smsFromHolder(client, body, PHONE)

test.group('OmaKaiku by SMS only: a holder with no e-mail', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    fakeSmtp.inbox = []
    fakeTwilio.reset()
  })

  test('activated at the desk with a code by SMS, gets its reminder by SMS and cancels by answering, end to end', async ({
    client,
    assert,
  }) => {
    const s = await desk()
    const form = {
      firstName: 'Eino',
      lastName: 'Lahtinen',
      phone: '040 555 6677',
      municipalityId: s.municipalityId,
      locale: 'fi',
    }
    const created = await post(client, s.distributor, s.card, 'activations.store', form)
    created.assertHeader('location', urlFor('activations.create', { id: s.card.id }))
    const account = await Account.findByOrFail('card_code', s.card.code)
    assert.isNull(account.email)
    assert.isNull(account.activatedAt)
    assert.lengthOf(fakeSmtp.inbox, 0)
    assert.lengthOf(fakeTwilio.sent, 1)
    assert.equal(fakeTwilio.sent[0].to, PHONE)
    assert.include(fakeTwilio.sent[0].body, 'Kaikukortti: vahvistuskoodisi on')
    const code = codeIn(fakeTwilio.sent[0])

    const page = await client
      .get(urlFor('activations.create', { id: s.card.id }))
      .loginAs(s.distributor)
    page.assertTextIncludes('Vahvistuskoodi')

    const wrong = await post(client, s.distributor, s.card, 'activations.confirm_phone', {
      phoneCode: code === '000000' ? '111111' : '000000',
    })
    assert.deepEqual(wrong.flashMessages().inputErrorsBag, {
      phoneCode: ['Koodi ei ole oikein. Tarkista numerot ja kirjoita koodi uudelleen.'],
    })
    const right = await post(client, s.distributor, s.card, 'activations.confirm_phone', {
      phoneCode: code,
      smsReminders: 'true',
    })
    right.assertHeader('location', urlFor('cards.show', { id: s.card.id }))
    await account.refresh()
    assert.isNotNull(account.phoneConfirmedAt)
    assert.isNotNull(account.activatedAt)
    assert.isNull(account.phoneCodeHash)
    const settings = await NotificationSetting.findOrFail(account.id)
    assert.isTrue(settings.bySms && settings.ticketReminders && settings.enabled)
    assert.isFalse(settings.byEmail)

    // A ticket, its reminder by SMS through the real twilio client, and "2" cancels it.
    const venueUser = await createUser('venue')
    const offer = await createOffer(await Organisation.findOrFail(venueUser.organisationId), {
      title: 'Kevätuhri',
    })
    const use = await recordUse(s.card.code, offer, await createOccurrence(offer, { daysAhead: 2 }))
    fakeTwilio.reset()
    await queueTicketReminders(noon())
    await drainOutbox({ now: noon })
    assert.lengthOf(fakeTwilio.sent, 1)
    assert.include(fakeTwilio.sent[0].body, 'Tuletko?')
    assert.lengthOf(fakeSmtp.inbox, 0)
    const reply = await answer(client, '2')
    assert.include(reply.text(), 'on peruttu')
    assert.equal((await CardUse.findOrFail(use.id)).status, 'cancelled')
  })

  test('neither e-mail nor phone is refused next to the field; too many tries need a new code', async ({
    client,
    assert,
  }) => {
    const s = await desk()
    const none = await post(client, s.distributor, s.card, 'activations.store', {
      firstName: 'Eino',
      lastName: 'Lahtinen',
      municipalityId: s.municipalityId,
      locale: 'fi',
    })
    assert.deepEqual(none.flashMessages().inputErrorsBag, {
      email: [
        'Anna sähköpostiosoite tai, jos kortinhaltijalla ei ole sähköpostia, matkapuhelinnumero.',
      ],
    })
    assert.equal(none.flashMessages().firstName, 'Eino')
    assert.isNull(await Account.findBy('card_code', s.card.code))

    await post(client, s.distributor, s.card, 'activations.store', {
      firstName: 'Eino',
      lastName: 'Lahtinen',
      phone: PHONE,
      municipalityId: s.municipalityId,
      locale: 'fi',
    })
    const firstCode = codeIn(fakeTwilio.sent[0])
    const wrongCode = firstCode === '000000' ? '111111' : '000000'
    const tries = await Promise.all(
      Array.from({ length: PHONE_CODE.attempts + 2 }, () =>
        post(client, s.distributor, s.card, 'activations.confirm_phone', { phoneCode: wrongCode })
      )
    )
    assert.lengthOf(
      tries.filter((response) =>
        JSON.stringify(response.flashMessages().inputErrorsBag).includes('liian monta')
      ),
      2
    )
    const late = await post(client, s.distributor, s.card, 'activations.confirm_phone', {
      phoneCode: firstCode,
    })
    assert.include(JSON.stringify(late.flashMessages().inputErrorsBag), 'liian monta')

    await post(client, s.distributor, s.card, 'activations.resend_code')
    const newCode = codeIn(fakeTwilio.sent.at(-1)!)
    const confirmed = await post(client, s.distributor, s.card, 'activations.confirm_phone', {
      phoneCode: newCode,
    })
    confirmed.assertHeader('location', urlFor('cards.show', { id: s.card.id }))
  })

  test('the account can later get an e-mail and a password; another organisation’s card is not found', async ({
    client,
    assert,
  }) => {
    const s = await desk()
    await post(client, s.distributor, s.card, 'activations.store', {
      firstName: 'Eino',
      lastName: 'Lahtinen',
      phone: PHONE,
      municipalityId: s.municipalityId,
      locale: 'fi',
    })
    await post(client, s.distributor, s.card, 'activations.confirm_phone', {
      phoneCode: codeIn(fakeTwilio.sent[0]),
    })
    const page = await client
      .get(urlFor('activations.create', { id: s.card.id }))
      .loginAs(s.distributor)
    page.assertTextIncludes('Kortinhaltija käyttää OmaKaikua tekstiviestein.')

    const added = await post(client, s.distributor, s.card, 'activations.resend', {
      email: 'eino@example.fi',
    })
    added.assertHeader('location', urlFor('cards.show', { id: s.card.id }))
    const account = await Account.findByOrFail('card_code', s.card.code)
    assert.equal(account.email, 'eino@example.fi')
    assert.isNotNull(fakeSmtp.lastTo('eino@example.fi'))

    const stranger = await createUser('distributor')
    const foreign = await post(client, stranger, s.card, 'activations.confirm_phone', {
      phoneCode: '123456',
    })
    foreign.assertStatus(404)
  })
})
