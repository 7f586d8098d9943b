import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import VenueRule from '#offers/models/venue_rule'
import Offer from '#offers/models/offer'
import Genre from '#offers/models/genre'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'
import { DateTime } from 'luxon'
import { queueTicketReminders } from '#messaging/jobs/ticket_reminders'
import { drainOutbox } from '#messaging/services/outbox_worker'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'
import { optIn } from '#tests/helpers/messaging'
import { ZONE } from '#core/services/time'

/*
| How to get a ticket (issue 22): a venue sets its ways, box-office contact,
| hours and the recommendations it follows once; every offer page and the
| cardholder's ticket show them, and only the facts the venue has set.
*/

async function venueUser() {
  const user = await createUser('venue')
  return { user, venue: await Organisation.findOrFail(user.organisationId) }
}

const settings = {
  'ticketWays[]': ['box_office', 'phone', 'online'],
  'ticketPhone': '040 123 4567',
  'ticketEmail': 'Liput@Teatteri.example.fi',
  'ticketUrl': 'https://liput.example.fi/kaikukortti',
  'boxOfficeHours': 'ti–pe klo 12–18',
  'freeCloakroom': 'true',
  'ticketHandover': 'true',
}

const WAYS_TITLE = 'Näin saat lipun'
const CLOAKROOM = 'Narikka on maksuton.'
const SUPPORT = 'Tukihenkilö pääsee maksutta.'
const HANDOVER = 'Lippu luovutetaan vasta 30 minuuttia ennen esitystä.'

test.group('A venue says how to get a ticket', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('saves the ways, the contacts, the hours and the facts; the form shows them again', async ({
    client,
    assert,
  }) => {
    const { user, venue } = await venueUser()
    const saved = await client
      .post(urlFor('venue_rules.update'))
      .form(settings)
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    saved.assertHeader('location', urlFor('venue_rules.edit'))
    const rule = await VenueRule.findByOrFail('organisation_id', venue.id)
    assert.equal(rule.ticketWays, 'box_office,phone,online')
    assert.equal(rule.ticketPhone, '+358401234567')
    assert.equal(rule.ticketEmail, 'liput@teatteri.example.fi')
    assert.equal(rule.ticketUrl, 'https://liput.example.fi/kaikukortti')
    assert.equal(rule.boxOfficeHours, 'ti–pe klo 12–18')
    assert.isTrue(rule.freeCloakroom)
    assert.isFalse(rule.supportPersonFree)
    assert.isTrue(rule.ticketHandover)
    assert.isNull(rule.maxOpenBookings)

    const form = await client.get(urlFor('venue_rules.edit')).loginAs(user)
    form.assertTextIncludes('value="040 1234567"')
    assert.match(form.text(), /id="ticketWays"[^>]*value="box_office"[^>]*checked/)
    assert.notMatch(form.text(), /id="ticketWays-email"[^>]*checked/)
    assert.match(form.text(), /id="freeCloakroom"[^>]*checked/)
    assert.notMatch(form.text(), /id="supportPersonFree"[^>]*checked/)

    // Unticking and emptying clears them.
    await client
      .post(urlFor('venue_rules.update'))
      .form({ maxOpenBookings: '2' })
      .withCsrfToken()
      .loginAs(user)
    await rule.refresh()
    assert.isNull(rule.ticketWays)
    assert.isNull(rule.ticketPhone)
    assert.isFalse(rule.freeCloakroom)
    assert.equal(rule.maxOpenBookings, 2)
  })

  test('a bad e-mail, web address or phone: the message next to the field, what was typed kept', async ({
    client,
    assert,
  }) => {
    const { user, venue } = await venueUser()
    const response = await client
      .post(urlFor('venue_rules.update'))
      .form({
        ...settings,
        ticketPhone: '12',
        ticketEmail: 'liput(at)teatteri',
        ticketUrl: 'liput.example.fi',
      })
      .withCsrfToken()
      .loginAs(user)
      .header('referer', urlFor('venue_rules.edit'))
    response.assertStatus(200)
    const text = response.text()
    assert.match(
      text,
      /id="ticketEmail-error">[\s\S]*?Kirjoita sähköpostiosoite muodossa nimi@esimerkki\.fi\./
    )
    assert.match(text, /id="ticketUrl-error">[\s\S]*?Kirjoita lipunmyynnin koko verkko-osoite/)
    assert.match(text, /id="ticketPhone-error">[\s\S]*?Kirjoita puhelinnumero muodossa/)
    response.assertTextIncludes('value="liput(at)teatteri"')
    response.assertTextIncludes('value="liput.example.fi"')
    response.assertTextIncludes('value="ti–pe klo 12–18"')
    // The ticked boxes stay ticked.
    assert.match(text, /id="ticketWays-phone"[^>]*checked/)
    assert.match(text, /id="freeCloakroom"[^>]*checked/)
    assert.isNull(await VenueRule.findBy('organisation_id', venue.id))
  })

  test('a forged form is refused; each venue sees and changes only its own settings', async ({
    client,
    assert,
  }) => {
    const { user, venue } = await venueUser()
    const other = await venueUser()
    await VenueRule.create({
      organisationId: other.venue.id,
      ticketEmail: 'toinen@example.fi',
      freeCloakroom: true,
    })
    const forged = await client
      .post(urlFor('venue_rules.update'))
      .form({ ...settings, _csrf: 'forged' })
      .loginAs(user)
    forged.assertStatus(403)
    assert.isNull(await VenueRule.findBy('organisation_id', venue.id))

    const own = await client.get(urlFor('venue_rules.edit')).loginAs(user)
    assert.notInclude(own.text(), 'toinen@example.fi')
    await client.post(urlFor('venue_rules.update')).form(settings).withCsrfToken().loginAs(user)
    const untouched = await VenueRule.findByOrFail('organisation_id', other.venue.id)
    assert.equal(untouched.ticketEmail, 'toinen@example.fi')

    // Another organisation's staff, or a venue's offer edited by another venue: not found.
    for (const role of ['distributor', 'ticket_agent'] as const) {
      const staff = await createUser(role)
      ;(await client.get(urlFor('venue_rules.edit')).loginAs(staff)).assertStatus(404)
      const post = await client
        .post(urlFor('venue_rules.update'))
        .form(settings)
        .withCsrfToken()
        .loginAs(staff)
      post.assertStatus(404)
    }
    const othersOffer = await createOffer(other.venue)
    ;(
      await client.get(urlFor('venue_offers.edit', { id: othersOffer.id })).loginAs(user)
    ).assertStatus(404)
  })
})

test.group('Offers and tickets show how to get a ticket', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('the public offer and the list: ways, tel:, mailto: and web links, hours, the facts set', async ({
    client,
    assert,
  }) => {
    const { venue } = await venueUser()
    await VenueRule.create({
      organisationId: venue.id,
      ticketWays: 'box_office,phone,online',
      ticketPhone: '+358401234567',
      ticketEmail: 'liput@teatteri.example.fi',
      ticketUrl: 'https://liput.example.fi/kaikukortti',
      boxOfficeHours: 'ti–pe klo 12–18',
      freeCloakroom: true,
      supportPersonFree: false,
      ticketHandover: true,
    })
    const offer = await createOffer(venue, { title: 'Kevätkonsertti' })
    await createOccurrence(offer, { daysAhead: 10 })

    const page = await client.get(urlFor('public_offers.show', { id: offer.id }))
    page.assertStatus(200)
    page.assertTextIncludes(WAYS_TITLE)
    page.assertTextIncludes('lipunmyynnistä paikan päällä')
    page.assertTextIncludes('soittamalla lipunmyyntiin')
    page.assertTextIncludes('kirjoita Kaikukortin koodi sille varattuun kenttään')
    assert.notInclude(page.text(), '<li>sähköpostilla</li>')
    page.assertTextIncludes('<a href="tel:+358401234567">040 1234567</a>')
    page.assertTextIncludes('href="mailto:liput@teatteri.example.fi"')
    page.assertTextIncludes('href="https://liput.example.fi/kaikukortti"')
    page.assertTextIncludes('ti–pe klo 12–18')
    page.assertTextIncludes(CLOAKROOM)
    page.assertTextIncludes(HANDOVER)
    // A fact the venue has not set is not shown.
    assert.notInclude(page.text(), SUPPORT)

    const list = await client.get(urlFor('public_offers.index'))
    list.assertTextIncludes('Kevätkonsertti')
    list.assertTextIncludes('<summary>Näin saat lipun</summary>')
    list.assertTextIncludes('href="tel:+358401234567"')
    list.assertTextIncludes(CLOAKROOM)
    assert.notInclude(list.text(), SUPPORT)

    // In Swedish and English too.
    const sv = await client
      .get(urlFor('public_offers.show', { id: offer.id }))
      .withPlainCookie('kaikukanta-locale', 'sv')
    sv.assertTextIncludes('Så får du biljetten')
    sv.assertTextIncludes('Garderoben är gratis.')
    sv.assertTextIncludes('Biljetten lämnas ut först 30 minuter före föreställningen.')
    const en = await client
      .get(urlFor('public_offers.show', { id: offer.id }))
      .withPlainCookie('kaikukanta-locale', 'en')
    en.assertTextIncludes('How to get a ticket')
    en.assertTextIncludes('The cloakroom is free.')
  })

  test('an offer with its own ways shows those; a venue that has said nothing shows no section', async ({
    client,
    assert,
  }) => {
    const { venue } = await venueUser()
    await VenueRule.create({
      organisationId: venue.id,
      ticketWays: 'box_office',
      supportPersonFree: true,
    })
    const own = await createOffer(venue, { title: 'Verkkokurssi' })
    await Offer.query().where('id', own.id).update({ ticket_ways: 'email,online' })
    await createOccurrence(own, { daysAhead: 10 })
    const page = await client.get(urlFor('public_offers.show', { id: own.id }))
    page.assertTextIncludes('<li>sähköpostilla</li>')
    assert.notInclude(page.text(), 'lipunmyynnistä paikan päällä')
    page.assertTextIncludes(SUPPORT)
    assert.notInclude(page.text(), CLOAKROOM)
    assert.notInclude(page.text(), HANDOVER)

    const { venue: silent } = await venueUser()
    const plain = await createOffer(silent, { title: 'Hiljainen näyttely' })
    const quiet = await client.get(urlFor('public_offers.show', { id: plain.id }))
    quiet.assertStatus(200)
    assert.notInclude(quiet.text(), WAYS_TITLE)
  })

  test('the offer form sets the offer’s own ways; none ticked means the venue’s', async ({
    client,
    assert,
  }) => {
    const { user, venue } = await venueUser()
    const offer = await createOffer(venue)
    const form = await client.get(urlFor('venue_offers.edit', { id: offer.id })).loginAs(user)
    form.assertTextIncludes('Tavat saada lippu tähän tarjoukseen')
    const jazz = await Genre.findByOrFail('key', 'jazz')
    const edited = {
      title: 'Jazzia kirjastossa',
      description: 'Trio soittaa standardeja ja omia sävellyksiä.',
      offerType: 'performance',
      genreId: String(jazz.id),
      municipalityId: String(venue.municipalityId),
      location: 'Pääkirjasto',
      accessibility: 'Hissi, induktiosilmukka.',
      children: 'yes',
      published: 'true',
    }
    await client
      .put(urlFor('venue_offers.update', { id: offer.id }))
      .form({ ...edited, 'ticketWays[]': ['email'] })
      .withCsrfToken()
      .loginAs(user)
    await offer.refresh()
    assert.equal(offer.ticketWays, 'email')
    await client
      .put(urlFor('venue_offers.update', { id: offer.id }))
      .form(edited)
      .withCsrfToken()
      .loginAs(user)
    await offer.refresh()
    assert.isNull(offer.ticketWays)
  })

  test('OmaKaiku: the offer page and the ticket show how to get it, and only the facts set', async ({
    client,
    assert,
  }) => {
    const { venue } = await venueUser()
    await VenueRule.create({
      organisationId: venue.id,
      ticketWays: 'box_office,email',
      ticketEmail: 'liput@teatteri.example.fi',
      boxOfficeHours: 'ma–pe klo 10–16',
      ticketHandover: true,
    })
    const offer = await createOffer(venue, { title: 'Kevätuhri' })
    const show = await createOccurrence(offer, { daysAhead: 3 })
    const card = await issueCard(await createUser('distributor'))
    const account = await createHolder(card)
    await recordUse(card.code, offer, show)
    const holder = await HolderBrowser.signedIn(client, account.email)

    const tickets = await holder.get(urlFor('my_events.index'))
    tickets.assertTextIncludes('Kevätuhri')
    tickets.assertTextIncludes(WAYS_TITLE)
    tickets.assertTextIncludes('lipunmyynnistä paikan päällä')
    tickets.assertTextIncludes('href="mailto:liput@teatteri.example.fi"')
    tickets.assertTextIncludes('ma–pe klo 10–16')
    tickets.assertTextIncludes(HANDOVER)
    assert.notInclude(tickets.text(), CLOAKROOM)
    assert.notInclude(tickets.text(), SUPPORT)

    const page = await holder.get(urlFor('holder_offers.show', { id: offer.id }))
    page.assertTextIncludes(WAYS_TITLE)
    page.assertTextIncludes(HANDOVER)
    assert.notInclude(page.text(), CLOAKROOM)
  })

  test('the ticket reminder e-mail names the facts the venue has set; the SMS stays short', async ({
    assert,
  }) => {
    fakeSmtp.inbox = []
    fakeTwilio.reset()
    const { venue } = await venueUser()
    await VenueRule.create({ organisationId: venue.id, freeCloakroom: true, ticketHandover: true })
    const offer = await createOffer(venue, { title: 'Kevätuhri' })
    const show = await createOccurrence(offer, { daysAhead: 2 })
    const card = await issueCard(await createUser('distributor'))
    const account = await createHolder(card, { phone: '+358405555555' })
    await recordUse(card.code, offer, show)
    await optIn(account, ['ticketReminders'], ['byEmail', 'bySms'])
    const noon = DateTime.now().setZone(ZONE).startOf('day').set({ hour: 12 })

    await queueTicketReminders(noon)
    await drainOutbox({ now: () => noon })
    const mail = fakeSmtp.lastTo(account.email)!
    assert.include(mail.text, 'Kevätuhri')
    assert.include(mail.text, CLOAKROOM)
    assert.include(mail.text, HANDOVER)
    assert.notInclude(mail.text, SUPPORT)
    assert.lengthOf(fakeTwilio.sent, 1)
    assert.notInclude(fakeTwilio.sent[0].body, CLOAKROOM)
  })
})
