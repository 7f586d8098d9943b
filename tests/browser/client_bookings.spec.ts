/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Area from '#registry/models/area'
import Organisation from '#registry/models/organisation'
import CardUse from '#usage/models/card_use'
import { createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer } from '#tests/helpers/offer_fixtures'
import {
  assertShows,
  checkedAtPhoneWidth,
  checkedWithoutScripts,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import env from '#start/env'
import { formatCardCode } from '#registry/services/card_code'

/** A distributor with a card, and a venue of its area with "Kevätuhri" in four days. */
async function bookingScene() {
  const distributorUser = await createUser('distributor')
  const distributor = await Organisation.findOrFail(distributorUser.organisationId)
  const venue = await createOrganisation('venue', await Area.findOrFail(distributor.areaId))
  const offer = await createOffer(venue, { title: 'Kevätuhri' })
  const show = await createOccurrence(offer, { daysAhead: 4 })
  const card = await issueCard(distributorUser)
  return { distributorUser, distributor, venue, show, card }
}

test.group('Browser: a distributor books for a client', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('from the card page, at 320 px and by keyboard: a place booked, listed and seen on the venue’s roster', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { distributorUser, distributor, venue, show, card } = await bookingScene()
    const venueUser = await createUser('venue', { organisation: venue })
    await browserContext.loginAs(distributorUser)

    const cardPage = await visit(urlFor('cards.show', { id: card.id }))
    await checkedAtPhoneWidth(cardPage)
    await cardPage.getByRole('link', { name: 'Varaa paikka tällä kortilla' }).focus()
    await submits(cardPage, () => cardPage.keyboard.press('Enter'))
    await checkedAtPhoneWidth(cardPage)
    assert.equal(await cardPage.getByLabel('Kortin koodi').inputValue(), card.code)

    // Sent without a show: the message is next to the field and the code stays.
    await cardPage.getByRole('button', { name: 'Varaa paikka' }).focus()
    await submits(cardPage, () => cardPage.keyboard.press('Enter'))
    await checkedAtPhoneWidth(cardPage)
    assert.equal(await cardPage.getByLabel('Kortin koodi').inputValue(), card.code)
    assert.isNotEmpty(await cardPage.locator('#choice-error').innerText())

    await cardPage.getByLabel('Esitys').focus()
    await cardPage.keyboard.press('ArrowDown')
    await cardPage.getByRole('button', { name: 'Varaa paikka' }).focus()
    await submits(cardPage, () => cardPage.keyboard.press('Enter'))
    await checkedAtPhoneWidth(cardPage)
    await assertShows(
      assert,
      cardPage,
      `Paikka varattu kortille ${formatCardCode(card.code)}`,
      'Kevätuhri'
    )
    const use = await CardUse.findByOrFail('card_code', card.code)
    assert.equal(use.occurrenceId, show.id)

    // The venue, in another session, sees who booked.
    await browserContext.clearCookies()
    await browserContext.loginAs(venueUser)
    const roster = await visit(urlFor('rosters.show', { id: show.id }))
    await checkedAtPhoneWidth(roster)
    await assertShows(assert, roster, distributor.name)
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('without JavaScript at 320 px: the booking form is a plain form, its refusal next to the field', async ({
    browser,
    assert,
  }) => {
    const { distributorUser, show, card } = await bookingScene()
    const context = await browser.newContext({ javaScriptEnabled: false })
    try {
      await context.loginAs(distributorUser)
      const page = await context.newPage()
      await page.setViewportSize({ width: 320, height: 640 })
      await page.goto(new URL(urlFor('client_bookings.create'), env.get('APP_URL')).href)
      await checkedWithoutScripts(page)

      await page.getByLabel('Kortin koodi').fill(card.code)
      await submits(page, () => page.getByRole('button', { name: 'Varaa paikka' }).click())
      await checkedWithoutScripts(page)
      assert.isNotEmpty(await page.locator('#choice-error').innerText())
      assert.equal(await page.getByLabel('Kortin koodi').inputValue(), card.code)

      await page.getByLabel('Esitys').selectOption(`occurrence-${show.id}`)
      await submits(page, () => page.getByRole('button', { name: 'Varaa paikka' }).click())
      await checkedWithoutScripts(page)
      await assertShows(assert, page, `Paikka varattu kortille ${formatCardCode(card.code)}`)
      assert.equal((await CardUse.findByOrFail('card_code', card.code)).occurrenceId, show.id)
    } finally {
      await context.close()
    }
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
