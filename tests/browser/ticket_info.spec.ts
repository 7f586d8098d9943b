/// <reference lib="dom" />
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import type { Page } from 'playwright'
import testUtils from '@adonisjs/core/services/test_utils'
import Organisation from '#registry/models/organisation'
import VenueRule from '#offers/models/venue_rule'
import { RELEASE_UNCONFIRMED_HOURS } from '#offers/services/restrictions'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder, HOLDER_PASSWORD } from '#tests/helpers/holder'
import {
  assertShows,
  checkedAtPhoneWidth,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { at } from '#tests/helpers/routes'

/*
| How to get a ticket (issue 22): a venue user sets the ways, the box
| office's contact and hours and the recommendations it follows with the
| keyboard only, on a 320 px screen; the public offer page, the offer list
| and the cardholder's ticket show them. Every page is checked (axe, reflow).
*/

/** Presses Tab until the element with this id has focus: the way a keyboard user gets there. */
async function tabTo(page: Page, id: string) {
  for (let presses = 0; presses < 200; presses++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached #${id}`)
}

/** Types into a field reached by Tab, replacing what it held. */
async function typeInto(page: Page, id: string, text: string) {
  await tabTo(page, id)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Backspace')
  await page.keyboard.type(text)
}

/** Ticks (or unticks) the checkbox reached by Tab. */
async function toggle(page: Page, id: string) {
  await tabTo(page, id)
  await page.keyboard.press('Space')
}

test.group('Browser: how to get a ticket', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a venue user sets the facts by keyboard at 320 px; the offer pages and the ticket show them', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue, { title: 'Kevätuhri' })
    const show = await createOccurrence(offer, { daysAhead: 5 })
    await browserContext.loginAs(venueUser)

    const page = await visit(urlFor('venue_rules.edit'))
    await checkedAtPhoneWidth(page)
    await toggle(page, 'ticketWays')
    await toggle(page, 'ticketWays-phone')
    await typeInto(page, 'ticketPhone', '040 123 4567')
    // A mistake: the e-mail address lacks its @.
    await typeInto(page, 'ticketEmail', 'liput(at)teatteri.example.fi')
    await typeInto(page, 'ticketUrl', 'https://liput.example.fi/kaikukortti')
    await typeInto(page, 'boxOfficeHours', 'ti–pe klo 12–18')
    // Another: more hours than a release may wait.
    await typeInto(page, 'releaseUnconfirmedHours', String(RELEASE_UNCONFIRMED_HOURS.max + 6))
    await toggle(page, 'freeCloakroom')
    await toggle(page, 'ticketHandover')
    await tabTo(page, 'save-rules')
    await submits(page, () => page.keyboard.press('Enter'))
    await checkedAtPhoneWidth(page)
    assert.match(await page.title(), /^Virhe: /)
    assert.include(
      await page.locator('#ticketEmail-error').innerText(),
      'Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.'
    )
    assert.equal(await page.locator('#ticketEmail').inputValue(), 'liput(at)teatteri.example.fi')
    assert.equal(await page.locator('#boxOfficeHours').inputValue(), 'ti–pe klo 12–18')
    assert.isTrue(await page.locator('#ticketWays-phone').isChecked())
    assert.isTrue(await page.locator('#freeCloakroom').isChecked())
    assert.isFalse(await page.locator('#supportPersonFree').isChecked())
    assert.include(
      await page.locator('#releaseUnconfirmedHours-error').innerText(),
      String(RELEASE_UNCONFIRMED_HOURS.max)
    )
    assert.equal(
      await page.locator('#releaseUnconfirmedHours').inputValue(),
      String(RELEASE_UNCONFIRMED_HOURS.max + 6)
    )
    assert.isNull(await VenueRule.findBy('organisation_id', venue.id))

    await typeInto(page, 'ticketEmail', 'liput@teatteri.example.fi')
    await typeInto(page, 'releaseUnconfirmedHours', String(RELEASE_UNCONFIRMED_HOURS.min))
    await tabTo(page, 'save-rules')
    await submits(page, () => page.keyboard.press('Enter'))
    await page.waitForURL(at(urlFor('venue_rules.edit')))
    await checkedAtPhoneWidth(page)
    await assertShows(assert, page, 'Säännöt tallennettiin.')
    const rule = await VenueRule.findByOrFail('organisation_id', venue.id)
    assert.equal(rule.ticketWays, 'box_office,phone')
    assert.equal(rule.ticketEmail, 'liput@teatteri.example.fi')
    assert.equal(rule.releaseUnconfirmedHours, RELEASE_UNCONFIRMED_HOURS.min)

    // The public offer page shows them, and no recommendation the venue has not ticked.
    await page.goto(urlFor('public_offers.show', { id: offer.id }))
    await checkedAtPhoneWidth(page)
    const main = await assertShows(
      assert,
      page,
      'Näin saat lipun',
      'lipunmyynnistä paikan päällä',
      'soittamalla lipunmyyntiin',
      'ti–pe klo 12–18',
      'Narikka on maksuton.',
      'Lippu luovutetaan vasta 30 minuuttia ennen esitystä.'
    )
    assert.notInclude(main, 'Tukihenkilö pääsee maksutta.')
    assert.equal(
      await page.getByRole('link', { name: '040 1234567' }).getAttribute('href'),
      'tel:+358401234567'
    )
    assert.equal(
      await page.getByRole('link', { name: 'liput@teatteri.example.fi' }).getAttribute('href'),
      'mailto:liput@teatteri.example.fi'
    )

    // The list: each entry's "How to get a ticket" opens from the keyboard.
    await page.goto(urlFor('public_offers.index'))
    await checkedAtPhoneWidth(page)
    const summary = page.locator('.ticket-info--collapsed summary').first()
    await summary.focus()
    await page.keyboard.press('Enter')
    assert.isTrue(
      await page
        .locator('.ticket-info--collapsed')
        .first()
        .evaluate((d) => (d as HTMLDetailsElement).open)
    )
    await checkedAtPhoneWidth(page)
    await assertShows(assert, page, 'Narikka on maksuton.')

    // The cardholder's ticket.
    const card = await issueCard(await createUser('distributor'))
    const account = await createHolder(card)
    // The reminder asked whether the holder is coming.
    const use = await recordUse(card.code, offer, show, { attendanceAskedAt: DateTime.now() })
    const holderContext = await browserContext.browser()!.newContext()
    const holderPage = await holderContext.newPage()
    await holderPage.goto(new URL(urlFor('my_events.index'), page.url()).href)
    await holderPage.getByLabel('Sähköpostiosoite').fill(account.email)
    await holderPage.getByLabel('Salasana').fill(HOLDER_PASSWORD)
    await submits(holderPage, () => holderPage.getByRole('button', { name: 'Kirjaudu' }).click())
    await holderPage.waitForURL(at(urlFor('my_events.index')))
    await checkedAtPhoneWidth(holderPage)
    const ticket = await assertShows(
      assert,
      holderPage,
      'Kevätuhri',
      'Näin saat lipun',
      'Narikka on maksuton.'
    )
    assert.notInclude(ticket, 'Tukihenkilö pääsee maksutta.')

    // "Vahvistan tuloni" answers the reminder's question, by keyboard.
    await holderPage.getByRole('button', { name: /^Vahvistan tuloni.*Kevätuhri$/ }).focus()
    await submits(holderPage, () => holderPage.keyboard.press('Enter'))
    await checkedAtPhoneWidth(holderPage)
    await assertShows(
      assert,
      holderPage,
      'Tulosi tapahtumaan Kevätuhri on vahvistettu.',
      'Olet vahvistanut tulosi.'
    )
    await use.refresh()
    assert.isNotNull(use.attendanceConfirmedAt)
    await holderContext.close()
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
