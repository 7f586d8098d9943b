/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Locator, Page } from 'playwright'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import { createUser, issueCard, PASSWORD } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import {
  assertShows,
  checkedAtPhoneWidth,
  checkedWithoutScripts,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import { at } from '#tests/helpers/routes'

/** Presses Tab until the target has focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, target: Locator, most = 80) {
  for (let presses = 0; presses < most; presses++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((element) => element === document.activeElement)) return
  }
  throw new Error(`Tab did not reach the element in ${most} presses`)
}

/*
| The staff home page (issue 22, item 10) at 320 px, keyboard only: a venue
| user sees today's show with its card places left, and its link opens the
| box office with that show chosen.
*/
test.group('Browser: home page shows today’s work', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a venue user’s home shows today’s show; its link leads to the box office with that show chosen', async ({
    visit,
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue, { title: 'Tänään lavalla' })
    await createOccurrence(offer, { daysAhead: 2 })
    const tonight = await createOccurrence(offer, { daysAhead: 0, capacity: 80, cardCap: 4 })
    const card = await issueCard(await createUser('distributor'))
    await recordUse(card.code, offer, tonight, { places: 1 })

    const page = await visit(urlFor('home.show'))
    await page.setViewportSize({ width: 320, height: 640 })
    await page.waitForURL(at(urlFor('session.create')))
    await checkedAtPhoneWidth(page)
    await tabTo(page, page.locator('#email'))
    await page.keyboard.type(venueUser.email)
    await tabTo(page, page.locator('#password'))
    await page.keyboard.type(PASSWORD)
    await submits(page, () => page.keyboard.press('Enter'))
    await page.waitForURL(at(urlFor('home.show')))
    await checkedAtPhoneWidth(page)
    await checkedWithoutScripts(page)

    await assertShows(
      assert,
      page,
      'Tämän päivän esitykset',
      '19.00 Tänään lavalla',
      'Korttipaikkoja jäljellä 3/4',
      'Paikkoja kaikkiaan 80'
    )

    await tabTo(page, page.getByRole('link', { name: /^Kirjaa käyttöjä tähän esitykseen/ }))
    await submits(page, () => page.keyboard.press('Enter'))
    await page.waitForURL(
      at(urlFor('registrations.create'), { choice: `occurrence-${tonight.id}` })
    )
    await checkedAtPhoneWidth(page)
    assert.equal(
      await page.locator('input[name=choice]:checked').inputValue(),
      `occurrence-${tonight.id}`
    )
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
