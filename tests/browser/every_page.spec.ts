/// <reference lib="dom" />
import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import { createArea, createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import {
  assertShows,
  checked,
  checkedAtPhoneWidth,
  htmxAnswers,
  skipWithoutBrowser,
} from '#tests/helpers/browser'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { createOccurrence, createOffer } from '#tests/helpers/offer_fixtures'
import RegistrationService from '#usage/services/registration_service'
import UseChanges from '#usage/services/use_changes'
import { createHolder, HOLDER_PASSWORD } from '#tests/helpers/holder'
import Note from '#omakaiku/models/note'
import { DateTime } from 'luxon'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { at } from '#tests/helpers/routes'

/** Makes the page's forms carry a CSRF token the server will not accept. */
function spoilCsrfToken(page: Page) {
  return page.evaluate(() => {
    document
      .querySelectorAll<HTMLInputElement>('input[name=_csrf]')
      .forEach((input) => (input.value = 'stale'))
  })
}

/*
| The pages the task-based browser tests do not pass through, each checked
| with axe-core and at phone width.
*/
/** A venue with a course (a show with two card places) and a swimming series, and a cancelled ticket. */
async function venueScene() {
  const { area } = await createArea()
  const venue = await createOrganisation('venue', area)
  const venueUser = await createUser('venue', { organisation: venue })
  const offer = await createOffer(venue, {
    type: 'course',
    childrenAllowed: false,
    oncePerCard: true,
  })
  const occurrence = await createOccurrence(offer, { cardCap: 2 })
  await createOffer(venue, { title: 'Uintisarja', type: 'series', yearlyVisits: 30 })
  const card = await issueCard(await createUser('distributor'))
  const { use } = await new RegistrationService().register(
    { code: card.code, choice: `occurrence-${occurrence.id}`, submissionKey: randomUUID() },
    venueUser
  )
  await new UseChanges().cancelByHolder(card.code, use.id)
  return { area, venue, venueUser, offer, occurrence, card }
}

test.group('Browser: every other page', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('sign-in help pages, and a form sent after the session ended', async ({ visit, assert }) => {
    const user = await createUser('distributor')
    const forgot = await visit(urlFor('password_reset.create'))
    await checkedAtPhoneWidth(forgot)
    await forgot.getByLabel('Sähköpostiosoite').fill(user.email)
    await forgot.getByRole('button', { name: 'Lähetä linkki' }).click()
    await forgot.waitForURL(at(urlFor('session.create')))
    await checked(forgot)

    const link = fakeSmtp.lastTo(user.email)!.text.match(/\/password\/reset\/[A-Za-z0-9_-]+/)![0]
    const reset = await visit(link)
    await checkedAtPhoneWidth(reset)
    await reset.getByLabel('Uusi salasana', { exact: true }).fill('short')
    await reset.getByRole('button', { name: 'Tallenna salasana' }).click()
    await checked(reset)
    assert.match(await reset.title(), /^Virhe: /)

    const expired = await visit('/password/reset/not-a-real-token')
    await checked(expired)
    await assertShows(assert, expired, 'Tämä linkki ei enää toimi')

    // Signed out, a form whose CSRF token no longer matches leads to sign-in with a notice.
    const signIn = await visit(urlFor('session.create'))
    await spoilCsrfToken(signIn)
    await signIn.getByLabel('Sähköpostiosoite').fill(user.email)
    await signIn.getByRole('button', { name: 'Kirjaudu' }).click()
    await signIn.waitForLoadState('load')
    await checked(signIn)
    await assertShows(assert, signIn, 'Istuntosi vanheni')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the remaining card pages, and the page for a stale form', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    await browserContext.loginAs(distributor)
    const card = await issueCard(distributor)
    for (const change of ['withdraw', 'consent']) {
      await checkedAtPhoneWidth(await visit(urlFor('card_changes.edit', { id: card.id, change })))
    }

    const form = await visit(urlFor('card_changes.edit', { id: card.id, change: 'end' }))
    await spoilCsrfToken(form)
    await form.getByLabel('Kyllä, päätä kortin voimassaolo').check()
    await form.getByRole('button', { name: 'Päätä voimassaolo' }).click()
    await form.waitForLoadState('load')
    await checked(form)
    assert.include(await form.locator('h1').innerText(), 'Lomake on vanhentunut')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the remaining administration pages', async ({ browserContext, visit }) => {
    const { area, municipality } = await createArea()
    const organisation = await createOrganisation('venue', area)
    const venueUser = await createUser('venue', { organisation })
    await browserContext.loginAs(await createUser('admin'))
    for (const path of [
      urlFor('areas.edit', { id: area.id }),
      urlFor('municipalities.create'),
      urlFor('municipalities.edit', { id: municipality.id }),
      urlFor('organisations.edit', { id: organisation.id }),
      urlFor('users.edit', { id: venueUser.id }),
    ]) {
      await checkedAtPhoneWidth(await visit(path))
    }
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the remaining offer pages, public and for the venue, and its inbox', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { area, venue, venueUser, offer, occurrence } = await venueScene()

    // Without signing in.
    for (const path of [
      urlFor('front_door'),
      urlFor('pages.privacy'),
      urlFor('public_offers.index'),
      urlFor('public_offers.index', {}, { qs: { area: area.id } }),
      urlFor('public_offers.show', { id: offer.id }),
      urlFor('network_directory.index'),
      urlFor('network_directory.index', {}, { qs: { area: area.id, type: 'venue' } }),
      urlFor('network_directory.show', { id: venue.id }),
      urlFor('accessibility_feedback.create'),
    ]) {
      await checkedAtPhoneWidth(await visit(path))
    }

    await browserContext.loginAs(venueUser)
    for (const path of [
      urlFor('venue_offers.index'),
      urlFor('venue_offers.edit', { id: offer.id }),
      urlFor('occurrences.edit', { offerId: offer.id, id: occurrence.id }),
      urlFor('occurrences.confirm_destroy', { offerId: offer.id, id: occurrence.id }),
      urlFor('venue_rules.edit'),
      urlFor('inbox.index'),
      urlFor('registrations.create'),
    ]) {
      await checkedAtPhoneWidth(await visit(path))
    }
    const inbox = await visit(urlFor('inbox.index'))
    await assertShows(assert, inbox, offer.title)
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('a refusal on the registration page, with the optional fields opened', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { venueUser, card } = await venueScene()
    await browserContext.loginAs(venueUser)
    const register = await visit(urlFor('registrations.create'))
    await register.getByLabel('Kortin koodi').fill(card.code)
    await register.getByLabel('Lapset').fill('1')
    await htmxAnswers(register, () => register.getByRole('button', { name: 'Kirjaa' }).click())
    await checked(register)
    assert.include(
      await register.locator('#childrenCount-error').innerText(),
      'Lapset eivät pääse tähän tarjoukseen maksutta.'
    )
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test("a ticket agent serving two venues narrows the list to one; the admin's genre pages", async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { area, venue } = await venueScene()
    await createOffer(await createOrganisation('venue', area), { title: 'Toinen kohde' })
    const agent = await createUser('ticket_agent', {
      organisation: await createOrganisation('ticket_agent', area),
    })
    await browserContext.loginAs(agent)
    const agentPage = await visit(urlFor('registrations.create'))
    await checkedAtPhoneWidth(agentPage)
    assert.include(await agentPage.locator('.show-picker').textContent(), venue.name)
    assert.equal(await agentPage.locator('select#venue').count(), 1)

    await browserContext.clearCookies()
    await browserContext.loginAs(await createUser('admin'))
    for (const path of [
      urlFor('genres.index'),
      urlFor('genres.create'),
      urlFor('genres.edit', { id: 1 }),
    ]) {
      await checkedAtPhoneWidth(await visit(path))
    }
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('OmaKaiku: refusals, the activation pages and the other languages', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const fresh = await issueCard(distributor)
    const account = await createHolder(card, { activatedAt: null, password: null })

    // Staff side: the form with its errors, and the page for sending the link again.
    await browserContext.loginAs(distributor)
    const activation = await visit(urlFor('activations.create', { id: fresh.id }))
    await checkedAtPhoneWidth(activation)
    await Promise.all([
      activation.waitForNavigation(),
      activation.getByRole('button', { name: 'Luo OmaKaiku-tili' }).click(),
    ])
    await checkedAtPhoneWidth(activation)
    assert.match(await activation.title(), /^Virhe: /)
    await checkedAtPhoneWidth(await visit(urlFor('activations.create', { id: card.id })))
    await browserContext.clearCookies()

    // A link that does not work, and a wrong password.
    await checkedAtPhoneWidth(await visit('/oma/password/set/not-a-real-token'))
    await account.merge({ password: HOLDER_PASSWORD, activatedAt: DateTime.utc() }).save()
    const signIn = await visit(urlFor('holder_session.create'))
    await signIn.getByLabel('Sähköpostiosoite').fill(account.email)
    await signIn.getByLabel('Salasana').fill('not the password')
    await Promise.all([
      signIn.waitForNavigation(),
      signIn.getByRole('button', { name: 'Kirjaudu' }).click(),
    ])
    await checkedAtPhoneWidth(signIn)
    await assertShows(assert, signIn, 'Sähköpostiosoite tai salasana on väärin.')

    // Signed in: settings refused (SMS without a number), in Swedish and English too.
    await signIn.getByLabel('Salasana').fill(HOLDER_PASSWORD)
    await Promise.all([
      signIn.waitForNavigation(),
      signIn.getByRole('button', { name: 'Kirjaudu' }).click(),
    ])
    const settings = await visit(urlFor('notification_settings.edit'))
    await settings.getByRole('checkbox', { name: 'Tekstiviestillä' }).check()
    await Promise.all([
      settings.waitForNavigation(),
      settings.getByRole('button', { name: 'Tallenna asetukset' }).click(),
    ])
    await checkedAtPhoneWidth(settings)
    assert.include(
      await settings.locator('#phone-error').innerText(),
      'Kirjoita matkapuhelinnumerosi'
    )
    for (const language of ['På svenska', 'In English']) {
      await Promise.all([
        settings.waitForNavigation(),
        settings.getByRole('button', { name: language }).click(),
      ])
      await checkedAtPhoneWidth(settings)
    }
    assert.equal(await settings.getAttribute('html', 'lang'), 'en')
    await checkedAtPhoneWidth(await visit(urlFor('my_card.show')))
    await checkedAtPhoneWidth(await visit(urlFor('holder_offers.index')))

    // A note's edit page, a page that is not found, and a form that went stale: OmaKaiku's frame.
    const note = await Note.create({ accountId: account.id, body: 'Muistiin.', useId: null })
    await checkedAtPhoneWidth(await visit(urlFor('notes.edit', { id: note.id })))
    const missing = await visit('/oma/events/999999/cancel')
    await checkedAtPhoneWidth(missing)
    assert.include(await missing.locator('.site-header').innerText(), 'OmaKaiku')
    const stale = await visit(urlFor('notes.edit', { id: note.id }))
    await spoilCsrfToken(stale)
    await Promise.all([
      stale.waitForNavigation(),
      stale.getByRole('button', { name: 'Save the note' }).click(),
    ])
    await checkedAtPhoneWidth(stale)
    assert.include(await stale.locator('.site-header').innerText(), 'OmaKaiku')
    await note.refresh()
    assert.equal(note.body, 'Muistiin.')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
