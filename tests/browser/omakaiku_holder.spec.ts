/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Page } from 'playwright'
import testUtils from '@adonisjs/core/services/test_utils'
import Organisation from '#registry/models/organisation'
import UseFeedback from '#usage/models/use_feedback'
import { notificationChoicesOf } from '#omakaiku/services/notification_settings'
import { createUser, issueCard, PASSWORD } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import {
  assertShows,
  checked,
  checkedAtPhoneWidth,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { createHolder, HOLDER_PASSWORD } from '#tests/helpers/holder'
import { formatCardCode } from '#registry/services/card_code'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { pathOf } from '#tests/helpers/routes'

async function signInAsStaff(page: Page, email: string) {
  await page.getByLabel('Sähköpostiosoite').fill(email)
  await page.getByLabel('Salasana').fill(PASSWORD)
  await submits(page, () => page.getByRole('button', { name: 'Kirjaudu' }).click())
}

async function signInAsHolder(page: Page, email: string) {
  await page.getByLabel('Sähköpostiosoite').fill(email)
  await page.getByLabel('Salasana').fill(HOLDER_PASSWORD)
  await submits(page, () => page.getByRole('button', { name: 'Kirjaudu' }).click())
}

test.group('Browser: OmaKaiku, the cardholder’s own service', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a distributor activates the account; the holder sets a password from the e-mail, signs in and sees the card', async ({
    visit,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const organisation = await Organisation.findOrFail(distributor.organisationId)
    const email = `aino.${Date.now()}@example.fi`

    // The distributor, with the holder present, creates the account from the card page.
    const page = await visit(urlFor('cards.show', { id: card.id }))
    await signInAsStaff(page, distributor.email)
    await checked(page)
    await submits(page, () => page.getByRole('link', { name: 'Aktivoi OmaKaiku' }).click())
    await checked(page)
    await page.getByLabel('Etunimi').fill('Aino')
    await page.getByLabel('Sukunimi').fill('Virtanen')
    await page.getByLabel('Kortinhaltijan oma sähköpostiosoite').fill(email)
    await page.getByLabel('Matkapuhelinnumero').fill('040 123 4567')
    await page.getByLabel('Kotikunta').selectOption(String(organisation.municipalityId))
    await page.getByRole('radio', { name: 'suomi' }).check()
    await submits(page, () => page.getByRole('button', { name: 'Luo OmaKaiku-tili' }).click())
    await checked(page)
    assert.include(await page.locator('.notice--success').innerText(), 'OmaKaiku-tili on luotu')
    assert.notInclude(await page.locator('main').innerText(), email)

    // The holder opens the link from the e-mail and chooses a password.
    const link = /http:\/\/[^\s]+\/oma\/password\/set\/[A-Za-z0-9_-]+/.exec(
      fakeSmtp.lastTo(email)!.text
    )![0]
    await page.goto(new URL(link).pathname)
    await checkedAtPhoneWidth(page)
    await page.getByLabel('Uusi salasana', { exact: true }).fill('blue tram goes home')
    await page.getByLabel('Uusi salasana uudelleen').fill('blue tram goes home')
    await submits(page, () => page.getByRole('button', { name: 'Tallenna salasana' }).click())
    await checkedAtPhoneWidth(page)
    assert.equal(await page.getByLabel('Sähköpostiosoite').inputValue(), email)

    // Signs in and sees the card with its QR code.
    await page.getByLabel('Salasana').fill('blue tram goes home')
    await submits(page, () => page.getByRole('button', { name: 'Kirjaudu' }).click())
    assert.equal(pathOf(page.url()), urlFor('my_card.show'))
    await checkedAtPhoneWidth(page)
    await assertShows(assert, page, formatCardCode(card.code))
    assert.isTrue(await page.locator('.holder-card__qr svg').isVisible())
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the holder cancels a ticket, gives feedback and writes a note; the venue sees the cancellation', async ({
    visit,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const account = await createHolder(card)
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue, { title: 'Kevätuhri' })
    const ticket = await recordUse(
      card.code,
      offer,
      await createOccurrence(offer, { daysAhead: 5 })
    )
    const visited = await recordUse(
      card.code,
      offer,
      await createOccurrence(offer, { daysAhead: -3 })
    )
    const page = await visit(urlFor('holder_session.create'))
    await signInAsHolder(page, account.email)

    // Offers, with card places left.
    await submits(page, () => page.getByRole('link', { name: 'Tarjonta' }).click())
    await checked(page)
    await submits(page, () => page.getByRole('link', { name: 'Kevätuhri' }).click())
    await checked(page)
    await assertShows(assert, page, 'korttipaikkaa vapaana')

    // Cancels the coming ticket, after a confirmation step.
    await submits(page, () => page.getByRole('link', { name: 'Omat liput' }).click())
    await checked(page)
    await submits(page, () => page.getByRole('link', { name: /Peru lippu/ }).click())
    await checked(page)
    await submits(page, () => page.getByRole('button', { name: 'Kyllä, peru lippu' }).click())
    await checked(page)
    assert.include(await page.locator('.notice--success').innerText(), 'Lippu on peruttu')
    await ticket.refresh()
    assert.equal(ticket.status, 'cancelled')

    // Gives feedback on the past event: three star ratings and yes/no.
    await submits(page, () => page.getByRole('link', { name: 'Historia' }).click())
    await checked(page)
    await submits(page, () => page.getByRole('link', { name: /Anna palautetta/ }).click())
    await checked(page)
    await page
      .getByRole('group', { name: /saavutettava/ })
      .getByRole('radio', { name: '4 tähteä' })
      .check()
    await page
      .getByRole('group', { name: /merkitsi/ })
      .getByRole('radio', { name: '5 tähteä' })
      .check()
    await page
      .getByRole('group', { name: /kiinnostava/ })
      .getByRole('radio', { name: '3 tähteä' })
      .check()
    await page.getByRole('radio', { name: 'Kyllä' }).check()
    await submits(page, () => page.getByRole('button', { name: 'Lähetä palaute' }).click())
    await checked(page)
    const feedback = await UseFeedback.findByOrFail('use_id', visited.id)
    assert.deepInclude(feedback.$attributes, { accessibility: 4, meaning: 5, interest: 3 })

    // A private note about the event.
    await submits(page, () =>
      page
        .getByRole('link', { name: /Kirjoita muistiinpano/ })
        .last()
        .click()
    )
    await checked(page)
    await page.getByLabel('Muistiinpano').fill('Hieno ilta.')
    await submits(page, () => page.getByRole('button', { name: 'Tallenna muistiinpano' }).click())
    await checked(page)

    // The venue sees the holder's cancellation in its inbox.
    await submits(page, () => page.getByRole('button', { name: 'Kirjaudu ulos' }).click())
    await page.goto(urlFor('inbox.index'))
    await signInAsStaff(page, venueUser.email)
    await checked(page)
    await assertShows(assert, page, formatCardCode(card.code), 'Kevätuhri')
    await page.goto(urlFor('feedback_summaries.index'))
    await checked(page)
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the holder chooses messages, opens the rest of the pages and signs out', async ({
    visit,
    assert,
  }) => {
    const card = await issueCard(await createUser('distributor'))
    const account = await createHolder(card)
    const page = await visit(urlFor('holder_session.create'))
    await signInAsHolder(page, account.email)

    // Chooses messages: off until turned on.
    await submits(page, () => page.getByRole('link', { name: 'Asetukset' }).click())
    await checked(page)
    await page.getByRole('checkbox', { name: 'Kyllä, haluan viestejä Kaikukortista' }).check()
    await page
      .getByRole('checkbox', { name: 'Muistutukset ja vahvistukset lipuistani ja käynneistäni' })
      .check()
    await page.getByRole('checkbox', { name: 'Tekstiviestillä' }).check()
    await page.getByLabel('Matkapuhelinnumero').fill('040 123 4567')
    await submits(page, () => page.getByRole('button', { name: 'Tallenna asetukset' }).click())
    await checked(page)
    assert.deepEqual(await notificationChoicesOf(account.id), {
      enabled: true,
      kinds: ['ticketReminders'],
      channels: ['bySms'],
      genreIds: [],
    })

    // The rest of the holder's pages.
    for (const path of [
      urlFor('my_data.show'),
      urlFor('holder_password.change'),
      urlFor('my_data.confirm_delete'),
      urlFor('my_data.confirm_withdraw_consent'),
      urlFor('notes.index'),
    ]) {
      await page.goto(path)
      await checked(page)
    }
    await submits(page, () => page.getByRole('button', { name: 'Kirjaudu ulos' }).click())
    assert.equal(pathOf(page.url()), urlFor('holder_session.create'))
    await checked(page)
    await page.goto(urlFor('holder_password.forgot'))
    await checked(page)
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the card page stays readable offline once opened, and signing out removes the copy', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const account = await createHolder(card)

    const page = await visit(urlFor('holder_session.create'))
    await page.getByLabel('Sähköpostiosoite').fill(account.email)
    await page.getByLabel('Salasana').fill(HOLDER_PASSWORD)
    await submits(page, () => page.getByRole('button', { name: 'Kirjaudu' }).click())
    assert.equal(pathOf(page.url()), urlFor('my_card.show'))
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    // Once the service worker controls the page, opening the card keeps a copy.
    await page.reload({ waitUntil: 'load' })
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    await page.reload({ waitUntil: 'load' })

    await browserContext.setOffline(true)
    await page.reload({ waitUntil: 'load' })
    await assertShows(assert, page, formatCardCode(card.code))
    // With its stylesheet: the service worker keeps it by its hashed address.
    const styled = await page.evaluate(() =>
      [...document.styleSheets].some(
        (sheet) => sheet.href?.includes('/assets/css/app.') && sheet.cssRules.length > 0
      )
    )
    assert.isTrue(styled, 'the offline card page has its stylesheet')
    await browserContext.setOffline(false)

    await submits(page, () => page.getByRole('button', { name: 'Kirjaudu ulos' }).click())
    await browserContext.setOffline(true)
    const offlineAgain = await page.goto(urlFor('my_card.show')).catch(() => null)
    const shown = offlineAgain ? await page.locator('body').innerText() : ''
    assert.notInclude(shown, formatCardCode(card.code))
    await browserContext.setOffline(false)
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
