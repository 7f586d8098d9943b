import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import Organisation from '#registry/models/organisation'
import type User from '#registry/models/user'
import Campaign from '#messaging/models/campaign'
import Genre from '#offers/models/genre'
import OutboxMessage from '#messaging/models/outbox_message'
import JobRun from '#messaging/models/job_run'
import { dispatchDueCampaigns } from '#messaging/services/campaigns'
import { drainOutbox } from '#messaging/services/outbox_worker'
import { createArea, createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'
import { nextNoon, optIn } from '#tests/helpers/messaging'
import { ZONE } from '#core/services/time'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type Account from '#omakaiku/models/account'

/**
 * A venue whose show was last week. Visitors: one who chose venue news by
 * e-mail, one by SMS, one who chose nothing. Elsewhere: a holder who chose
 * venue news but never came.
 */
async function scene() {
  const venueUser = await createUser('venue')
  const venue = await Organisation.findOrFail(venueUser.organisationId)
  const offer = await createOffer(venue, { title: 'Kevätuhri' })
  const past = await createOccurrence(offer, { daysAhead: -7 })
  const distributor = await createUser('distributor')
  const visitor = async (overrides = {}) => {
    const card = await issueCard(distributor)
    const account = await createHolder(card, overrides)
    await recordUse(card.code, offer, past)
    return account
  }
  const byEmail = await visitor()
  await optIn(byEmail, ['venueNews'], ['byEmail'])
  const bySms = await visitor({ phone: '+358401231234' })
  await optIn(bySms, ['venueNews'], ['bySms'])
  const silent = await visitor()
  const stranger = await createHolder(await issueCard(distributor))
  await optIn(stranger, ['venueNews'], ['byEmail', 'bySms'])
  return { venueUser, venue, offer, distributor, byEmail, bySms, silent, stranger }
}

function messageForm(overrides: Record<string, unknown> = {}) {
  return {
    'audience': 'visitors_of_offer',
    'offerId': '',
    'channels[]': ['email', 'sms'],
    'bodyFi': 'Kiitos käynnistä! Kevään ohjelma on nyt julkaistu.',
    'bodySv': '',
    'bodyEn': '',
    'when': 'now',
    'sendDate': '',
    'sendTime': '',
    'submissionKey': randomUUID(),
    ...overrides,
  }
}

function send(
  client: ApiClient,
  user: User,
  form: Record<string, unknown>,
  path = urlFor('campaigns.store')
) {
  return client
    .post(path)
    .form(form)
    .withCsrfToken()
    .loginAs(user)
    .header('referer', urlFor('campaigns.create'))
}

test.group('Messaging: staff write to cardholders', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    fakeSmtp.inbox = []
    fakeTwilio.reset()
  })

  test('the preview shows how many opted-in holders it reaches and the text in each language, never who', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const page = await send(
      client,
      s.venueUser,
      messageForm({
        offerId: String(s.offer.id),
        bodySv: 'Tack för besöket! Vårens program är ute.',
      }),
      urlFor('campaigns.preview')
    )
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'Viesti tavoittaa nyt 2 kortinhaltijaa')
    assert.include(html, 'Tack för besöket!')
    assert.include(html, 'Tälle kielelle ei ole omaa tekstiä', 'English falls back to Finnish')
    assert.match(html, /\d+ merkkiä, 1 tekstiviesti \(GSM-7\)/)
    assert.include(
      html,
      'Kiitos käynnistä! Kevään ohjelma on nyt julkaistu.',
      'what was typed is kept'
    )
    for (const holder of [s.byEmail, s.bySms, s.silent, s.stranger]) {
      assert.notInclude(html, holder.email)
    }
    assert.notInclude(html, '401231234')
    assert.lengthOf(await Campaign.all(), 0, 'a preview sends nothing')
  })

  test('the reach count follows the audience and channels (htmx fragment)', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const count = async (qs: Record<string, unknown>) =>
      (
        await client
          .get(urlFor('campaigns.reach', {}, { qs }))
          .header('HX-Request', 'true')
          .loginAs(s.venueUser)
      ).text()
    assert.include(
      await count({
        audience: 'visitors_of_offer',
        offerId: s.offer.id,
        channels: ['email', 'sms'],
      }),
      '2 kortinhaltijaa'
    )
    assert.include(
      await count({ audience: 'visitors_of_offer', offerId: s.offer.id, channels: ['sms'] }),
      '1 kortinhaltijan'
    )
    assert.include(
      await count({ audience: 'visitors_of_venue', channels: ['email'] }),
      '1 kortinhaltijan'
    )
    assert.include(
      await count({ audience: 'visitors_of_offer', channels: ['email'] }),
      'Valitse vastaanottajat'
    )
  })

  test('sending reaches exactly the opted-in visitors, by the channels they chose', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const response = await send(client, s.venueUser, messageForm({ offerId: String(s.offer.id) }))
    response.assertStatus(200)
    assert.include(response.text(), 'Se menee 2 kortinhaltijalle')

    const rows = await OutboxMessage.query().orderBy('account_id')
    assert.deepEqual(
      rows.map((row) => [row.accountId, row.channel, row.kind]),
      [
        [s.byEmail.id, 'email', 'venue_news'],
        [s.bySms.id, 'sms', 'venue_news'],
      ].sort((a, b) => Number(a[0]) - Number(b[0]))
    )
    await drainOutbox({ now: nextNoon })
    assert.include(fakeSmtp.lastTo(s.byEmail.email)!.text, 'Kevään ohjelma on nyt julkaistu')
    assert.include(
      fakeSmtp.lastTo(s.byEmail.email)!.text,
      urlFor('holder_offers.show', { id: s.offer.id })
    )
    assert.include(fakeTwilio.lastTo('+358401231234')!.body, 'Kevään ohjelma')
    assert.lengthOf(fakeSmtp.inbox, 1)
    assert.lengthOf(fakeTwilio.sent, 1)

    const list = await client.get(urlFor('campaigns.index')).loginAs(s.venueUser)
    assert.include(list.text(), 'Valitun tarjouksen aiemmat kävijät')
  })

  test('a double submit sends once; a forged CSRF token sends nothing', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const form = messageForm({ audience: 'visitors_of_venue' })
    await send(client, s.venueUser, form)
    await send(client, s.venueUser, form)
    assert.lengthOf(await Campaign.all(), 1)
    assert.lengthOf(await OutboxMessage.all(), 2)

    const forged = await client
      .post(urlFor('campaigns.store'))
      .form({ ...messageForm(), _csrf: 'forged' })
      .loginAs(s.venueUser)
    forged.assertStatus(403)
    assert.lengthOf(await Campaign.all(), 1)
  })

  test('bad input is refused next to its field, with what was typed kept', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const other = await createUser('venue')
    const otherOffer = await createOffer(await Organisation.findOrFail(other.organisationId))

    const noChannel = await send(
      client,
      s.venueUser,
      messageForm({ 'channels[]': [], 'audience': 'visitors_of_venue' })
    )
    assert.include(noChannel.text(), 'Valitse ainakin yksi tapa')
    assert.include(noChannel.text(), 'Kevään ohjelma on nyt julkaistu')

    const notOurs = await send(client, s.venueUser, messageForm({ offerId: String(otherOffer.id) }))
    assert.include(notOurs.text(), 'Valitse jokin omista julkaistuista tarjouksistanne.')

    const noOffer = await send(client, s.venueUser, messageForm({ audience: 'seats_left' }))
    assert.include(noOffer.text(), 'Valitse tarjous, jota viesti koskee.')

    const tooShort = await send(
      client,
      s.venueUser,
      messageForm({ audience: 'visitors_of_venue', bodyFi: 'Hei' })
    )
    assert.include(tooShort.text(), 'Kirjoita viesti suomeksi, vähintään 10 merkkiä.')

    const noDate = await send(
      client,
      s.venueUser,
      messageForm({ audience: 'visitors_of_venue', when: 'later' })
    )
    assert.include(noDate.text(), 'Täytä kohta lähetyspäivä.')

    const distributorAudience = await send(
      client,
      s.venueUser,
      messageForm({ audience: 'own_cardholders' })
    )
    assert.include(distributorAudience.text(), 'Valitse vastaanottajat listasta.')

    const past = DateTime.now().setZone(ZONE).minus({ days: 1 })
    const inPast = await send(
      client,
      s.venueUser,
      messageForm({
        audience: 'visitors_of_venue',
        when: 'later',
        sendDate: past.toISODate(),
        sendTime: '10.00',
      })
    )
    assert.include(inPast.text(), 'Lähetysaika on jo mennyt.')
    assert.lengthOf(await Campaign.all(), 0)
    assert.lengthOf(await OutboxMessage.all(), 0)
  })

  test('an organisation may send a few messages a day; the next is refused with the reason', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    for (let i = 0; i < 3; i++) {
      await send(client, s.venueUser, messageForm({ audience: 'visitors_of_venue' }))
    }
    const fourth = await send(client, s.venueUser, messageForm({ audience: 'visitors_of_venue' }))
    assert.include(fourth.text(), 'on jo lähettänyt tänään 3 viestiä')
    assert.lengthOf(await Campaign.all(), 3)
  })

  test('a message set for later is queued when its time comes', async ({ client, assert }) => {
    const s = await scene()
    const tomorrow = DateTime.now().setZone(ZONE).plus({ days: 1 })
    const response = await send(
      client,
      s.venueUser,
      messageForm({
        audience: 'visitors_of_venue',
        when: 'later',
        sendDate: tomorrow.toISODate(),
        sendTime: '10.30',
      })
    )
    assert.include(response.text(), `Viesti lähtee ${tomorrow.toFormat('d.M.yyyy')} klo 10.30.`)
    assert.lengthOf(await OutboxMessage.all(), 0)

    await dispatchDueCampaigns(tomorrow.set({ hour: 10, minute: 29 }))
    assert.lengthOf(await OutboxMessage.all(), 0)
    await dispatchDueCampaigns(tomorrow.set({ hour: 10, minute: 30 }))
    await dispatchDueCampaigns(tomorrow.set({ hour: 10, minute: 31 }))
    assert.lengthOf(await OutboxMessage.all(), 2)
    const campaign = await Campaign.firstOrFail()
    assert.equal(campaign.recipients, 2)
  })

  test('a distributor writes to its own cardholders only; ticket agents and partners cannot write', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const ownHolder = s.byEmail
    const otherDistributor = await createUser('distributor')
    const outsider = await createHolder(await issueCard(otherDistributor))
    await optIn(ownHolder, ['distributorMessages'])
    await optIn(outsider, ['distributorMessages'])

    const page = await client.get(urlFor('campaigns.create')).loginAs(s.distributor)
    page.assertStatus(200)
    assert.include(page.text(), 'Kaikki kortinhaltijat, joille olemme antaneet kortin')
    assert.notInclude(page.text(), 'Valitun tarjouksen aiemmat kävijät')

    await send(
      client,
      s.distributor,
      messageForm({ 'audience': 'own_cardholders', 'channels[]': ['email'] })
    )
    const rows = await OutboxMessage.all()
    assert.deepEqual(
      rows.map((row) => [row.accountId, row.kind]),
      [[ownHolder.id, 'distributor_message']]
    )

    for (const role of ['ticket_agent', 'partner'] as const) {
      const user = await createUser(role)
      const refused = await client.get(urlFor('campaigns.create')).loginAs(user)
      refused.assertStatus(404)
    }
  })

  test('the admin sees deliveries, job runs and dead letters, and can retry; others cannot', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    await send(client, s.venueUser, messageForm({ audience: 'visitors_of_venue' }))
    const smsRow = await OutboxMessage.query().where('channel', 'sms').firstOrFail()
    smsRow.merge({ status: 'dead', attempts: 6, lastError: 'sms: Fake Twilio error 20503' })
    await smsRow.save()
    const admin = await createUser('admin')

    const dashboard = await client.get(urlFor('deliveries.index')).loginAs(admin)
    dashboard.assertStatus(200)
    assert.include(dashboard.text(), 'Viestit päivittäin')
    assert.include(dashboard.text(), 'Lippumuistutukset')
    const letters = await client.get(urlFor('deliveries.dead_letters')).loginAs(admin)
    assert.include(letters.text(), 'Fake Twilio error 20503')
    assert.include(letters.text(), smsRow.cardCode)
    assert.notInclude(letters.text(), '401231234')

    const retried = await client
      .post(urlFor('deliveries.retry'))
      .form({ 'ids[]': [String(smsRow.id)] })
      .withCsrfToken()
      .loginAs(admin)
      .header('referer', urlFor('deliveries.dead_letters'))
    assert.include(retried.text(), '1 viesti palautettiin lähetysjonoon')
    await smsRow.refresh()
    assert.equal(smsRow.status, 'queued')
    assert.equal(smsRow.attempts, 0)

    const venueTries = await client.get(urlFor('deliveries.dead_letters')).loginAs(s.venueUser)
    venueTries.assertStatus(404)
  })

  test("the deliveries page writes a job run's time as the admin's language does", async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    // Far ahead (a TIMESTAMP ends in 2038), so it is the latest run whatever else the database holds: 7.00 in Finland.
    await JobRun.create({
      job: 'ticket_reminders',
      startedAt: DateTime.fromISO('2037-12-02T05:00:00Z', { zone: 'utc' }),
      durationMs: 40,
      outcome: 'ok',
      detail: null,
    })
    const page = (locale: string) =>
      client
        .get(urlFor('deliveries.index'))
        .withPlainCookie('kaikukanta-locale', locale)
        .loginAs(admin)

    const english = (await page('en')).text()
    assert.include(english, '<html lang="en">')
    assert.include(english, '2 Dec 2037, 07:00')
    assert.notInclude(english, 'klo')
    assert.include((await page('sv')).text(), '2.12.2037 kl. 7.00')
    assert.include((await page('fi')).text(), '2.12.2037 klo 7.00')
  })

  test('a tip reaches holders of the venue area who follow the genre or its main genre', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const genres = await Genre.query().whereIn('key', ['drama', 'theatre', 'jazz'])
    const id = (key: string) => genres.find((g) => g.key === key)!.id
    const distributorHere = await createUser('distributor')
    const inArea = async (genreKey: string) => {
      const card = await issueCard(distributorHere)
      const account = await createHolder(card, { municipalityId: s.venue.municipalityId! })
      await optIn(account, ['recommendations'], ['byEmail'], [id(genreKey)])
      return account
    }
    const followsDrama = await inArea('drama')
    const followsTheatre = await inArea('theatre')
    const followsJazz = await inArea('jazz')
    const elsewhere = await createHolder(await issueCard(distributorHere))
    await optIn(elsewhere, ['recommendations'], ['byEmail'], [id('drama')])

    await send(
      client,
      s.venueUser,
      messageForm({
        'audience': 'genre_in_area',
        'genreId': String(id('drama')),
        'channels[]': ['email'],
      })
    )
    const reached = (await OutboxMessage.query().orderBy('account_id')).map((row) => row.accountId)
    assert.deepEqual(
      reached,
      [followsDrama.id, followsTheatre.id].sort((a, b) => a - b)
    )
    assert.notInclude(reached, followsJazz.id)
    assert.notInclude(reached, elsewhere.id)
  })
})

/**
 * Two areas, each with a coordinator. Area A has holders at home in two of
 * its municipalities who chose announcements (one by e-mail, one by SMS) and
 * one who chose only venue news; area B one who chose announcements.
 */
async function areas() {
  const a = await createArea()
  const b = await createArea()
  const coordinatorA = await createUser('area_coordinator', { area: a.area })
  const coordinatorB = await createUser('area_coordinator', { area: b.area })
  const distributor = await createUser('distributor', {
    organisation: await createOrganisation('distributor', a.area),
  })
  const secondMunicipalityOfA = (await Organisation.findOrFail(distributor.organisationId))
    .municipalityId!
  const holder = async (municipalityId: number, overrides: Partial<Account> = {}) =>
    createHolder(await issueCard(distributor), { municipalityId, ...overrides })
  const inA = await holder(a.municipality.id)
  await optIn(inA, ['announcements'], ['byEmail'])
  const inABySms = await holder(secondMunicipalityOfA, { phone: '+358401239876' })
  await optIn(inABySms, ['announcements'], ['bySms'])
  const inANewsOnly = await holder(a.municipality.id)
  await optIn(inANewsOnly, ['venueNews'], ['byEmail', 'bySms'])
  const inB = await holder(b.municipality.id)
  await optIn(inB, ['announcements'], ['byEmail'])
  return { a, b, coordinatorA, coordinatorB, inA, inABySms, inANewsOnly, inB }
}

function announcement(overrides: Record<string, unknown> = {}) {
  return messageForm({
    audience: 'area_cardholders',
    bodyFi: 'Kaikukortti täyttää vuosia: tervetuloa juhlaan kirjastoon lauantaina.',
    bodySv: 'Kaikukortet fyller år: välkommen till festen på biblioteket på lördag.',
    ...overrides,
  })
}

const reachedBy = async () =>
  (await OutboxMessage.query().orderBy('account_id').orderBy('channel')).map(
    (row) => [row.accountId, row.channel, row.kind] as const
  )

const byId = <T extends readonly [number, ...unknown[]]>(rows: T[]) =>
  [...rows].sort((x, y) => x[0] - y[0])

test.group('Messaging: announcements of coordinators and the national centre', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    fakeSmtp.inbox = []
    fakeTwilio.reset()
  })

  test("a coordinator's message reaches only the opted-in holders of their area, as many as the count said", async ({
    client,
    assert,
  }) => {
    const s = await areas()
    const page = await client.get(urlFor('campaigns.create')).loginAs(s.coordinatorA)
    page.assertStatus(200)
    assert.include(page.text(), `Alueemme kortinhaltijat: ${s.a.area.name}`)
    assert.notInclude(page.text(), 'Kaikki kortinhaltijat koko maassa')

    const count = async (qs: Record<string, unknown>) =>
      (
        await client
          .get(urlFor('campaigns.reach', {}, { qs }))
          .header('HX-Request', 'true')
          .loginAs(s.coordinatorA)
      ).text()
    assert.include(
      await count({ audience: 'area_cardholders', channels: ['email', 'sms'] }),
      'Viesti tavoittaa nyt 2 kortinhaltijaa'
    )
    assert.include(
      await count({ audience: 'area_cardholders', channels: ['sms'] }),
      'Viesti tavoittaa nyt 1 kortinhaltijan'
    )

    const preview = await send(client, s.coordinatorA, announcement(), urlFor('campaigns.preview'))
    assert.include(preview.text(), 'Viesti tavoittaa nyt 2 kortinhaltijaa')
    assert.include(preview.text(), 'Kaikukortin tiedote')
    assert.include(preview.text(), 'Kaikukortet fyller år')

    const sent = await send(client, s.coordinatorA, announcement())
    assert.include(sent.text(), 'Se menee 2 kortinhaltijalle')
    assert.deepEqual(
      await reachedBy(),
      byId([
        [s.inA.id, 'email', 'announcement'],
        [s.inABySms.id, 'sms', 'announcement'],
      ])
    )
    const campaign = await Campaign.firstOrFail()
    assert.isNull(campaign.organisationId)
    assert.equal(campaign.senderAreaId, s.a.area.id)
    assert.equal(campaign.areaId, s.a.area.id)

    await drainOutbox({ now: nextNoon })
    const mail = fakeSmtp.lastTo(s.inA.email)!
    assert.include(mail.text, 'Kaikukortin tiedote')
    assert.include(mail.text, 'tervetuloa juhlaan kirjastoon')
    assert.include(fakeTwilio.lastTo('+358401239876')!.body, 'Kaikukortti tiedottaa:')
    assert.lengthOf(fakeSmtp.inbox, 1)
    assert.lengthOf(fakeTwilio.sent, 1)

    // The coordinator's list shows the message and how far it has got; another area's coordinator sees none of it.
    const list = (await client.get(urlFor('campaigns.index')).loginAs(s.coordinatorA)).text()
    assert.include(list, `Alueen kortinhaltijat: ${s.a.area.name}`)
    assert.include(list, 'lähetetty 2')
    const otherList = (await client.get(urlFor('campaigns.index')).loginAs(s.coordinatorB)).text()
    assert.include(otherList, 'Ette ole vielä lähettäneet viestejä')
  })

  test('a holder who turns announcements on in OmaKaiku hears them; they are off until then', async ({
    client,
    assert,
  }) => {
    const s = await areas()
    const card = await issueCard(await createUser('distributor'))
    const holderAccount = await createHolder(card, { municipalityId: s.a.municipality.id })
    const holder = await HolderBrowser.signedIn(client, holderAccount.email)
    const settings = (await holder.get(urlFor('notification_settings.edit'))).text()
    assert.include(settings, 'Kaikukortin tiedotteet omalta alueeltani ja koko maasta')
    assert.notMatch(settings, /value="announcements"[^>]*checked/)

    await holder.post(urlFor('notification_settings.update'), {
      'enabled': 'true',
      'kinds[]': ['announcements'],
      'channels[]': ['byEmail'],
    })
    await send(client, s.coordinatorA, announcement({ 'channels[]': ['email'] }))
    assert.includeMembers(
      (await OutboxMessage.all()).map((row) => row.accountId),
      [holderAccount.id, s.inA.id]
    )
  })

  test('a coordinator cannot reach holders outside their area, even with a forged area', async ({
    client,
    assert,
  }) => {
    const s = await areas()
    const forged = await send(client, s.coordinatorA, announcement({ areaId: String(s.b.area.id) }))
    assert.include(forged.text(), 'Voit lähettää viestin vain oman alueesi kortinhaltijoille.')
    assert.include(forged.text(), 'tervetuloa juhlaan kirjastoon', 'what was typed is kept')

    const everyone = await send(
      client,
      s.coordinatorA,
      announcement({ audience: 'all_cardholders' })
    )
    assert.include(everyone.text(), 'Valitse vastaanottajat listasta.')

    const forgedCount = await client
      .get(
        urlFor(
          'campaigns.reach',
          {},
          { qs: { audience: 'area_cardholders', areaId: s.b.area.id, channels: ['email'] } }
        )
      )
      .loginAs(s.coordinatorA)
    assert.include(forgedCount.text(), 'Valitse vastaanottajat')
    assert.notInclude(forgedCount.text(), 'tavoittaa nyt')

    assert.lengthOf(await Campaign.all(), 0)
    assert.lengthOf(await OutboxMessage.all(), 0)
  })

  test('the national centre writes to one area or to the whole country', async ({
    client,
    assert,
  }) => {
    const s = await areas()
    const admin = await createUser('admin')
    const page = (await client.get(urlFor('campaigns.create')).loginAs(admin)).text()
    assert.include(page, 'Kaikki kortinhaltijat koko maassa')
    assert.include(page, s.b.area.name)

    const noArea = await send(client, admin, announcement())
    assert.include(noArea.text(), 'Valitse alue, jonka kortinhaltijoille viesti menee.')
    const unknownArea = await send(client, admin, announcement({ areaId: '999999' }))
    assert.include(unknownArea.text(), 'Valitse alue, jonka kortinhaltijoille viesti menee.')

    await send(client, admin, announcement({ areaId: String(s.b.area.id) }))
    assert.deepEqual(await reachedBy(), [[s.inB.id, 'email', 'announcement']])

    const whole = await send(client, admin, announcement({ audience: 'all_cardholders' }))
    assert.include(whole.text(), 'Se menee 3 kortinhaltijalle')
    const country = await Campaign.query().where('audience', 'all_cardholders').firstOrFail()
    assert.isNull(country.areaId)
    assert.isNull(country.senderAreaId)
    const rows = await OutboxMessage.query().where('campaign_id', country.id)
    assert.deepEqual(
      byId(rows.map((row) => [row.accountId, row.channel] as const)),
      byId([
        [s.inA.id, 'email'],
        [s.inABySms.id, 'sms'],
        [s.inB.id, 'email'],
      ])
    )
    assert.notInclude(
      rows.map((row) => row.accountId),
      s.inANewsOnly.id
    )
  })

  test("a double submit sends once; an area's coordinators share the daily limit, other senders have their own", async ({
    client,
    assert,
  }) => {
    const s = await areas()
    const form = announcement()
    await send(client, s.coordinatorA, form)
    await send(client, s.coordinatorA, form)
    assert.lengthOf(await Campaign.all(), 1)
    assert.lengthOf(await OutboxMessage.all(), 2)

    const colleague = await createUser('area_coordinator', { area: s.a.area })
    await send(client, colleague, announcement())
    await send(client, s.coordinatorA, announcement())
    const fourth = await send(client, colleague, announcement())
    assert.include(fourth.text(), 'Tänään on jo lähetetty 3 tiedotetta')
    assert.lengthOf(await Campaign.all(), 3)

    await send(client, s.coordinatorB, announcement())
    await send(client, await createUser('admin'), announcement({ audience: 'all_cardholders' }))
    assert.lengthOf(await Campaign.all(), 5)
  })

  test('an SMS announcement waits for the end of the quiet hours, as a venue message does', async ({
    client,
    assert,
  }) => {
    const s = await areas()
    const tomorrow = DateTime.now().setZone(ZONE).plus({ days: 1 }).startOf('day')
    const lateEvening = tomorrow.set({ hour: 22, minute: 30 })
    await send(
      client,
      s.coordinatorA,
      announcement({ when: 'later', sendDate: tomorrow.toISODate(), sendTime: '22.30' })
    )
    await dispatchDueCampaigns(lateEvening)
    await drainOutbox({ now: () => lateEvening })
    assert.lengthOf(fakeSmtp.inbox, 1, 'the e-mail goes at once')
    assert.lengthOf(fakeTwilio.sent, 0, 'no SMS at 22.30')

    const sevenFiftyNine = lateEvening.plus({ days: 1 }).set({ hour: 7, minute: 59 })
    await drainOutbox({ now: () => sevenFiftyNine })
    assert.lengthOf(fakeTwilio.sent, 0, 'still quiet at 7.59')
    await drainOutbox({ now: () => sevenFiftyNine.plus({ minutes: 1 }) })
    assert.lengthOf(fakeTwilio.sent, 1, 'sent at 8.00')
    assert.include(fakeTwilio.lastTo('+358401239876')!.body, 'tervetuloa juhlaan')
  })
})
