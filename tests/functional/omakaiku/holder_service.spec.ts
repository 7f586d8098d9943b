import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Organisation from '#registry/models/organisation'
import Card from '#registry/models/card'
import CardUse from '#usage/models/card_use'
import UseFeedback from '#usage/models/use_feedback'
import Account from '#omakaiku/models/account'
import Note from '#omakaiku/models/note'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder, HolderBrowser, HOLDER_PASSWORD } from '#tests/helpers/holder'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { sendAccountLink } from '#omakaiku/services/account_links'
import hash from '@adonisjs/core/services/hash'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { assetUrl } from '#core/services/assets'

/** A venue with a show in three days and one last week, and a holder with a ticket to each. */
async function scene() {
  const venueUser = await createUser('venue')
  const venue = await Organisation.findOrFail(venueUser.organisationId)
  const offer = await createOffer(venue, { title: 'Kevätuhri' })
  const coming = await createOccurrence(offer, { daysAhead: 3 })
  const past = await createOccurrence(offer, { daysAhead: -7 })
  const distributor = await createUser('distributor')
  const card = await issueCard(distributor)
  const account = await createHolder(card)
  const ticket = await recordUse(card.code, offer, coming)
  const visit = await recordUse(card.code, offer, past)
  return { venueUser, venue, offer, coming, past, distributor, card, account, ticket, visit }
}

const feedbackForm = { accessibility: '4', meaning: '5', interest: '3', meaningful: 'yes' }

test.group('OmaKaiku for the cardholder', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a wrong password and an unknown address get the same answer; pages need sign-in', async ({
    client,
  }) => {
    const { account } = await scene()
    const holder = new HolderBrowser(client)
    ;(await holder.get(urlFor('my_card.show'))).assertHeader(
      'location',
      urlFor('holder_session.create')
    )
    await holder.get(urlFor('holder_session.create'))
    await holder.post(urlFor('holder_session.store'), {
      email: account.email,
      password: 'wrong password here',
    })
    ;(await holder.get(urlFor('holder_session.create'))).assertTextIncludes(
      'Sähköpostiosoite tai salasana on väärin.'
    )
    await holder.post(urlFor('holder_session.store'), {
      email: 'nobody@example.fi',
      password: 'wrong password here',
    })
    ;(await holder.get(urlFor('holder_session.create'))).assertTextIncludes(
      'Sähköpostiosoite tai salasana on väärin.'
    )
  })

  test('sign-in is throttled after five failures for one account', async ({ client }) => {
    const { account } = await scene()
    const holder = new HolderBrowser(client)
    for (let i = 0; i < 5; i++) {
      await holder.post(urlFor('holder_session.store'), {
        email: account.email,
        password: 'wrong password here',
      })
    }
    // Even the right password is refused while the account is locked.
    await holder.post(urlFor('holder_session.store'), {
      email: account.email,
      password: 'blue tram goes home',
    })
    const page = await holder.get(urlFor('holder_session.create'))
    page.assertTextIncludes('Liian monta epäonnistunutta kirjautumista')
    ;(await holder.get(urlFor('my_card.show'))).assertHeader(
      'location',
      urlFor('holder_session.create')
    )
  })

  test('staff and cardholder sessions are apart: a staff sign-in does not open OmaKaiku', async ({
    client,
  }) => {
    const { distributor } = await scene()
    const response = await client.get(urlFor('my_card.show')).loginAs(distributor).redirects(0)
    response.assertHeader('location', urlFor('holder_session.create'))
  })

  test('the card page shows the code, a QR code, the dates, the state and where it works', async ({
    client,
    assert,
  }) => {
    const { account, card } = await scene()
    const holder = await HolderBrowser.signedIn(client, account.email)
    const page = await holder.get(urlFor('my_card.show'))
    page.assertTextIncludes(
      `${card.code.slice(0, 3)}-${card.code.slice(3, 6)}-${card.code.slice(6)}`
    )
    page.assertTextIncludes('<svg')
    page.assertTextIncludes('Kortti on voimassa')
    page.assertTextIncludes('manifest.webmanifest')
    // The valid-until date inside the card's frame, so a screenshot of the card shows it.
    const frame = /<section class="holder-card[\s\S]*?<\/section>/.exec(page.text())![0]
    assert.include(frame, `Voimassa ${card.validUntil.toFormat('d.M.yyyy')} asti`)
    page.assertTextIncludes('Korttia voi käyttää kaikissa Kaikukortti-kohteissa')
    assert.include(page.text(), `href="${urlFor('holder_offers.index')}"`)
  })

  test('cancelling a ticket asks first, frees the place and reaches the venue inbox', async ({
    client,
    assert,
  }) => {
    const { account, ticket, venueUser } = await scene()
    const holder = await HolderBrowser.signedIn(client, account.email)
    ;(await holder.get(urlFor('my_events.index'))).assertTextIncludes('Kevätuhri')
    const confirm = await holder.get(urlFor('my_events.confirm_cancel', { id: ticket.id }))
    confirm.assertTextIncludes('Perutaanko lippu?')
    await ticket.refresh()
    assert.equal(ticket.status, 'registered')

    const done = await holder.post(urlFor('my_events.cancel', { id: ticket.id }))
    done.assertHeader('location', urlFor('my_events.index'))
    await ticket.refresh()
    assert.equal(ticket.status, 'cancelled')
    assert.equal(ticket.cancelledBy, 'holder')

    const inbox = await client.get(urlFor('inbox.index')).loginAs(venueUser)
    inbox.assertTextIncludes('Kevätuhri')
    inbox.assertTextIncludes(ticket.cardCode.slice(0, 3))
  })

  test("another holder's ticket id answers 404 and changes nothing", async ({ client, assert }) => {
    const { ticket } = await scene()
    const other = await scene()
    const holder = await HolderBrowser.signedIn(client, other.account.email)
    ;(await holder.get(urlFor('my_events.confirm_cancel', { id: ticket.id }))).assertStatus(404)
    ;(await holder.post(urlFor('my_events.cancel', { id: ticket.id }))).assertStatus(404)
    ;(await holder.get(urlFor('feedback.create', { id: ticket.id }))).assertStatus(404)
    await ticket.refresh()
    assert.equal(ticket.status, 'registered')
  })

  test('a ticket cannot be cancelled once the event has started', async ({ client, assert }) => {
    const { account, visit } = await scene()
    const holder = await HolderBrowser.signedIn(client, account.email)
    ;(await holder.get(urlFor('my_events.confirm_cancel', { id: visit.id }))).assertTextIncludes(
      'Lippua ei voi enää perua: tapahtuma on jo alkanut.'
    )
    const response = await holder.post(
      urlFor('my_events.cancel', { id: visit.id }),
      {},
      urlFor('my_events.confirm_cancel', { id: visit.id })
    )
    response.assertHeader('location', urlFor('my_events.confirm_cancel', { id: visit.id }))
    await visit.refresh()
    assert.equal(visit.status, 'registered')
  })

  test('feedback: once, only after the event, and only as averages over five for the venue', async ({
    client,
    assert,
  }) => {
    const { account, ticket, visit, venueUser, offer, past } = await scene()
    const holder = await HolderBrowser.signedIn(client, account.email)

    // Before the event: refused, nothing saved.
    ;(await holder.get(urlFor('feedback.create', { id: ticket.id }))).assertTextIncludes(
      'Palautetta voi antaa, kun tapahtuma on alkanut.'
    )
    await holder.post(urlFor('feedback.store', { id: ticket.id }), feedbackForm)
    assert.lengthOf(await UseFeedback.query().where('use_id', ticket.id), 0)

    // Out of range: refused next to the field.
    await holder.post(urlFor('feedback.store', { id: visit.id }), { ...feedbackForm, meaning: '9' })
    ;(await holder.get(urlFor('feedback.create', { id: visit.id }))).assertTextIncludes(
      'Valitse 0–5 tähteä.'
    )
    assert.lengthOf(await UseFeedback.query().where('use_id', visit.id), 0)

    const saved = await holder.post(urlFor('feedback.store', { id: visit.id }), feedbackForm)
    saved.assertHeader('location', urlFor('my_events.history'))
    assert.lengthOf(await UseFeedback.query().where('use_id', visit.id), 1)

    // Twice: refused, still one answer.
    await holder.post(urlFor('feedback.store', { id: visit.id }), feedbackForm)
    assert.lengthOf(await UseFeedback.query().where('use_id', visit.id), 1)
    ;(await holder.get(urlFor('feedback.create', { id: visit.id }))).assertTextIncludes(
      'Olet jo antanut palautetta'
    )

    // The venue sees no averages from one answer...
    const few = await client.get(urlFor('feedback_summaries.index')).loginAs(venueUser)
    few.assertTextIncludes('Alle 5 vastausta')
    // ...and averages once five holders have answered.
    const distributor = await createUser('distributor')
    for (let i = 0; i < 4; i++) {
      const card = await issueCard(distributor)
      const use = await recordUse(card.code, offer, past)
      await UseFeedback.create({
        useId: use.id,
        offerId: offer.id,
        accessibility: 2,
        meaning: 5,
        interest: 3,
        meaningful: i < 2,
      })
    }
    const five = await client.get(urlFor('feedback_summaries.index')).loginAs(venueUser)
    five.assertTextIncludes('2,4 / 5')
    five.assertTextIncludes('60 %')
  })

  test('notes are private and stored encrypted', async ({ client, assert }) => {
    const { account, visit } = await scene()
    const holder = await HolderBrowser.signedIn(client, account.email)
    const form = {
      body: 'Itkin toisessa näytöksessä.',
      useId: String(visit.id),
      submissionKey: randomUUID(),
    }
    // Sent twice (a double click without JavaScript): one note.
    await holder.post(urlFor('notes.store'), form)
    await holder.post(urlFor('notes.store'), form)
    assert.lengthOf(await Note.query().where('account_id', account.id), 1)
    const note = await Note.query().where('account_id', account.id).firstOrFail()
    assert.equal(note.body, 'Itkin toisessa näytöksessä.')
    assert.equal(note.useId, visit.id)
    const raw = await db.connection('omakaiku').from('notes').where('id', note.id).first()
    assert.notInclude(raw.body_encrypted, 'Itkin')
    ;(await holder.get(urlFor('notes.index'))).assertTextIncludes('Itkin toisessa näytöksessä.')

    const other = await scene()
    const stranger = await HolderBrowser.signedIn(client, other.account.email)
    ;(await stranger.get(urlFor('notes.edit', { id: note.id }))).assertStatus(404)
    ;(
      await stranger.post(urlFor('notes.update', { id: note.id }), { body: 'overwritten' })
    ).assertStatus(404)
    ;(await stranger.post(urlFor('notes.destroy', { id: note.id }))).assertStatus(404)
    // No "deleted" notice waits for the stranger either.
    assert.notInclude(
      (await stranger.get(urlFor('notes.index'))).text(),
      'Muistiinpano on poistettu.'
    )
    await note.refresh()
    assert.equal(note.body, 'Itkin toisessa näytöksessä.')
    ;(await holder.get(urlFor('notes.index'))).assertTextIncludes('Itkin toisessa näytöksessä.')

    // The owner can still delete it.
    ;(await holder.post(urlFor('notes.destroy', { id: note.id }))).assertStatus(302)
    assert.isNull(await Note.find(note.id))
  })

  test('notification settings are off by default; SMS needs a phone number; choices are saved', async ({
    client,
    assert,
  }) => {
    const { account } = await scene()
    const holder = await HolderBrowser.signedIn(client, account.email)
    const page = await holder.get(urlFor('notification_settings.edit'))
    assert.notMatch(page.text(), /name="enabled"[^>]*checked/)

    await holder.post(
      urlFor('notification_settings.update'),
      { 'enabled': 'true', 'kinds[]': ['ticketReminders'], 'channels[]': ['bySms'] },
      urlFor('notification_settings.edit')
    )
    // The installed app checks its service worker and manifest whenever it likes,
    // here between the redirect and the page: the message must still be there.
    await holder.get(urlFor('web_app.service_worker'))
    await holder.get(urlFor('web_app.manifest'))
    await holder.get(assetUrl('htmx.js'))
    ;(await holder.get(urlFor('notification_settings.edit'))).assertTextIncludes(
      'Kirjoita matkapuhelinnumerosi'
    )
    assert.isNull(
      await db
        .connection('omakaiku')
        .from('notification_settings')
        .where('account_id', account.id)
        .first()
    )

    const saved = await holder.post(urlFor('notification_settings.update'), {
      'enabled': 'true',
      'kinds[]': ['ticketReminders', 'cardExpiry'],
      'channels[]': ['bySms', 'byEmail'],
      'phone': '050 765 4321',
    })
    saved.assertHeader('location', urlFor('notification_settings.edit'))
    const row = await db
      .connection('omakaiku')
      .from('notification_settings')
      .where('account_id', account.id)
      .first()
    assert.isTrue(Boolean(row.enabled))
    assert.isTrue(Boolean(row.ticket_reminders))
    assert.isTrue(Boolean(row.card_expiry))
    assert.isFalse(Boolean(row.venue_news))
    assert.isTrue(Boolean(row.by_sms))
    await account.refresh()
    assert.equal(account.phone, '+358507654321')
  })

  test('my data shows both systems, the download is JSON, and deleting the account clears the registry mark', async ({
    client,
    assert,
  }) => {
    const { account, card } = await scene()
    const holder = await HolderBrowser.signedIn(client, account.email)
    const page = await holder.get(urlFor('my_data.show'))
    page.assertTextIncludes(account.email)
    page.assertTextIncludes('33100')
    // The SWB answer given at issue is listed with its instrument.
    page.assertTextIncludes('Koettu hyvinvointi (SWB)')
    const download = await holder.get(urlFor('my_data.download'))
    const data = JSON.parse(download.text())
    assert.equal(data.omakaiku.account.email, account.email)
    assert.equal(data.registry.card.code, card.code)
    assert.lengthOf(data.registry.uses, 2)
    assert.deepEqual(
      data.registry.wellbeingAnswers.map((answer: { instrument: string }) => answer.instrument),
      ['swb']
    )

    // A wrong password deletes nothing.
    await holder.post(urlFor('my_data.delete_account'), { password: 'not my password' })
    assert.isNotNull(await Account.find(account.id))

    const deleted = await holder.post(urlFor('my_data.delete_account'), {
      password: 'blue tram goes home',
    })
    deleted.assertHeader('location', urlFor('holder_session.create'))
    assert.isNull(await Account.find(account.id))
    assert.isNull((await Card.findOrFail(card.id)).omakaikuAccountAt)
    ;(await holder.get(urlFor('my_card.show'))).assertHeader(
      'location',
      urlFor('holder_session.create')
    )
  })

  test('withdrawing consent in OmaKaiku erases background data like the registry does', async ({
    client,
    assert,
  }) => {
    const { account, card } = await scene()
    const holder = await HolderBrowser.signedIn(client, account.email)
    await holder.post(urlFor('my_data.withdraw_consent'), {})
    assert.isNull((await Card.findOrFail(card.id)).consentWithdrawnAt)

    await holder.post(urlFor('my_data.withdraw_consent'), { confirm: 'on' })
    const withdrawn = await Card.findOrFail(card.id)
    assert.isNotNull(withdrawn.consentWithdrawnAt)
    assert.equal(withdrawn.status, 'withdrawn')
    assert.isNull(withdrawn.postalCode)
    ;(await holder.get(urlFor('my_card.show'))).assertTextIncludes('Kortti ei ole enää käytössä')
  })

  test('a forged CSRF token is refused and changes nothing', async ({ client, assert }) => {
    const { account, ticket } = await scene()
    const holder = await HolderBrowser.signedIn(client, account.email)
    holder.csrf = 'forged-token'
    const response = await holder.post(urlFor('my_events.cancel', { id: ticket.id }))
    response.assertStatus(403)
    await ticket.refresh()
    assert.equal(ticket.status, 'registered')
    assert.equal(
      await CardUse.query().where('status', 'cancelled').where('id', ticket.id).first(),
      null
    )
  })

  test('the offers page lists published offers with card places left', async ({ client }) => {
    const { account, coming } = await scene()
    const holder = await HolderBrowser.signedIn(client, account.email)
    const page = await holder.get(urlFor('holder_offers.index'))
    page.assertTextIncludes('Kevätuhri')
    page.assertTextIncludes('korttipaikkaa vapaana')
    const offerPage = await holder.get(urlFor('holder_offers.show', { id: coming.offerId }))
    offerPage.assertTextIncludes('korttipaikkaa vapaana')
    offerPage.assertTextIncludes(urlFor('holder_offers.index'))
  })
  test("a forgotten password: a link in the holder's language that works once; the same answer for unknown addresses", async ({
    client,
    assert,
  }) => {
    const { account } = await scene()
    await account.merge({ locale: 'sv' }).save()
    const holder = new HolderBrowser(client)
    const asked = await holder.post(urlFor('holder_password.send_link'), {
      email: account.email.toUpperCase(),
    })
    asked.assertHeader('location', urlFor('holder_session.create'))
    const mail = fakeSmtp.lastTo(account.email)!
    assert.include(mail.text, 'Hej Aino')
    const link = new URL(/http:\/\/\S+\/oma\/password\/set\/\S+/.exec(mail.text)![0]).pathname

    const before = fakeSmtp.inbox.length
    const unknown = await holder.post(urlFor('holder_password.send_link'), {
      email: 'nobody@example.fi',
    })
    unknown.assertHeader('location', urlFor('holder_session.create'))
    assert.equal(fakeSmtp.inbox.length, before)

    await holder.post(link, {
      password: 'green boat sails far',
      passwordConfirmation: 'green boat sails far',
    })
    ;(await holder.signIn(account.email, 'green boat sails far')).assertHeader(
      'location',
      urlFor('my_card.show')
    )
    ;(await holder.get(link)).assertTextIncludes('Tämä linkki ei enää toimi')
  })

  test('only the newest password link works: asking again, or a link of another kind, retires the earlier ones', async ({
    client,
    assert,
  }) => {
    const { account } = await scene()
    const linkOf = (text: string) =>
      new URL(/http:\/\/\S+\/oma\/password\/set\/\S+/.exec(text)![0]).pathname
    const holder = new HolderBrowser(client)
    // A link of the other kind, as a distributor's resend would give, is retired too.
    await sendAccountLink(account, 'activation')
    const activation = linkOf(fakeSmtp.lastTo(account.email)!.text)
    await holder.post(urlFor('holder_password.send_link'), { email: account.email })
    const first = linkOf(fakeSmtp.lastTo(account.email)!.text)
    await holder.post(urlFor('holder_password.send_link'), { email: account.email })
    const second = linkOf(fakeSmtp.lastTo(account.email)!.text)
    assert.lengthOf(new Set([activation, first, second]), 3)

    for (const old of [activation, first]) {
      const page = await holder.get(old)
      page.assertTextIncludes('Tämä linkki ei enää toimi')
      page.assertTextIncludes('uudempi linkki')
      page.assertTextIncludes(`href="${urlFor('holder_password.forgot')}"`)
      const refused = await holder.post(old, {
        password: 'old link sails far',
        passwordConfirmation: 'old link sails far',
      })
      refused.assertHeader('location', old)
    }
    assert.isTrue(
      await hash.verify((await Account.findOrFail(account.id)).password!, HOLDER_PASSWORD)
    )

    ;(await holder.get(second)).assertTextIncludes('name="passwordConfirmation"')
    await holder.post(second, {
      password: 'newest link sails far',
      passwordConfirmation: 'newest link sails far',
    })
    assert.isTrue(
      await hash.verify((await Account.findOrFail(account.id)).password!, 'newest link sails far')
    )
  })

  test('changing the password needs the current one', async ({ client, assert }) => {
    const { account } = await scene()
    const holder = await HolderBrowser.signedIn(client, account.email)
    const form = { password: 'green boat sails far', passwordConfirmation: 'green boat sails far' }
    await holder.post(urlFor('holder_password.save_change'), { currentPassword: 'not it', ...form })
    ;(await holder.get(urlFor('holder_password.change'))).assertTextIncludes('Salasana on väärin.')
    await holder.post(urlFor('holder_password.save_change'), {
      currentPassword: HOLDER_PASSWORD,
      ...form,
    })
    await account.refresh()
    assert.isTrue(await hash.verify(account.password!, 'green boat sails far'))
  })

  test("a form sent after the session ended leads to OmaKaiku's sign-in, not the staff one", async ({
    client,
  }) => {
    const { ticket } = await scene()
    const holder = new HolderBrowser(client)
    await holder.get(urlFor('holder_session.create'))
    // The session (and with it the form's CSRF secret) is gone: the token no longer matches.
    holder.csrf = 'from-an-ended-session'
    const response = await holder.post(
      urlFor('my_events.cancel', { id: ticket.id }),
      {},
      urlFor('my_events.index')
    )
    response.assertHeader('location', urlFor('holder_session.create'))
    ;(await holder.get(urlFor('holder_session.create'))).assertTextIncludes('Istuntosi vanheni')
  })
})
