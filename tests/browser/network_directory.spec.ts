/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright'
import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import feedbackConfig from '#config/feedback'
import { formatDate } from '#core/services/formatting'
import { today } from '#core/services/time'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer } from '#tests/helpers/offer_fixtures'
import {
  assertShows,
  checkedAtPhoneWidth,
  checkedWithoutScripts,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'

/*
| The front door, the network directory and the accessibility feedback, as
| a visitor without JavaScript on a phone uses them (axe cannot run without
| scripts: each page is also checked, with scripts, at 320 px).
*/

/** A venue and a distributor of the network in an area of their own. */
async function network() {
  const { area } = await createArea()
  const venue = await createOrganisation('venue', area)
  venue.merge({
    name: `Kaupunginteatteri ${randomUUID().slice(0, 6)}`,
    websiteUrl: 'https://teatteri.example.fi/',
    accessibilityUrl: 'https://teatteri.example.fi/saavutettavuus',
  })
  await venue.save()
  const distributor = await createOrganisation('distributor', area)
  const offer = await createOffer(venue, { title: 'Kevätuhri' })
  await createOccurrence(offer, { daysAhead: 7 })
  return { area, venue, distributor }
}

/** Where the test server listens, for a context of its own. */
const origin = () => `http://${env.get('HOST')}:${env.get('PORT')}`

const main = (page: Page) => page.locator('main').innerText()

test.group('Browser: the network directory and accessibility feedback', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('from the front door to the directory, filtered by area and type, without JavaScript at 320 px', async ({
    browser,
    visit,
    assert,
  }) => {
    const { area, venue, distributor } = await network()

    // Each page the visitor sees, checked with axe at phone width.
    for (const path of [
      urlFor('front_door'),
      urlFor('network_directory.index'),
      urlFor('network_directory.index', {}, { qs: { area: area.id, type: 'venue' } }),
      urlFor('network_directory.show', { id: venue.id }),
      urlFor('network_directory.show', { id: distributor.id }),
      urlFor('public_offers.index', {}, { qs: { venue: venue.id } }),
    ]) {
      await checkedAtPhoneWidth(await visit(path))
    }

    const plain = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 320, height: 640 },
    })
    const page = await plain.newPage()
    await page.goto(`${origin()}${urlFor('front_door')}`)
    await submits(page, () =>
      page.getByRole('link', { name: 'Kaikukortti-kohteet ja kortinjakajat' }).click()
    )
    assert.equal(await page.locator('h1').innerText(), 'Kaikukortti-verkosto')

    await page.getByLabel('Alue').selectOption({ label: area.name })
    await submits(page, () => page.getByRole('button', { name: 'Näytä' }).click())
    await assertShows(assert, page, venue.name, distributor.name, 'Löytyi 2 organisaatiota.')

    await page.getByLabel('Tyyppi').selectOption({ label: 'Kortinjakaja' })
    await submits(page, () => page.getByRole('button', { name: 'Näytä' }).click())
    await assertShows(assert, page, distributor.name)
    assert.notInclude(await main(page), venue.name)

    await page.getByLabel('Tyyppi').selectOption({ label: 'Kaikukortti-kohde' })
    await submits(page, () => page.getByRole('button', { name: 'Näytä' }).click())
    await assertShows(assert, page, 'Yksi tarjous nyt')
    const entry = page.locator('.directory-entry', { hasText: venue.name })
    assert.equal(
      await entry.getByRole('link', { name: /^Saavutettavuustiedot/ }).getAttribute('href'),
      venue.accessibilityUrl
    )
    await submits(page, () => entry.getByRole('link', { name: /^Yksi tarjous nyt/ }).click())
    await assertShows(assert, page, 'Kevätuhri')
    await submits(page, () => page.getByRole('link', { name: venue.name }).first().click())
    assert.equal(await page.locator('h1').innerText(), venue.name)

    // The privacy notices, from any page's footer; checked with axe as shown without scripts.
    await submits(page, () => page.getByRole('link', { name: 'Tietosuojaseloste' }).click())
    await checkedWithoutScripts(page)
    assert.equal(await page.locator('h1').innerText(), 'Tietosuojaseloste')
    const notices = await page.locator('h2').allInnerTexts()
    assert.isAtLeast(notices.length, 3)
    await plain.close()
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('accessibility feedback: sent without JavaScript and seen by the national centre with its reply due date', async ({
    browser,
    browserContext,
    visit,
    assert,
  }) => {
    const due = formatDate(today().plus({ days: feedbackConfig.replyWithinDays }), 'fi')

    // With scripts, for axe: the statement, the form, its errors and its thanks.
    const checkedPage = await visit(urlFor('pages.accessibility'))
    await checkedAtPhoneWidth(checkedPage)
    await checkedPage.getByRole('link', { name: 'Anna palautetta saavutettavuudesta' }).click()
    await checkedAtPhoneWidth(checkedPage)
    await submits(checkedPage, () =>
      checkedPage.getByRole('button', { name: 'Lähetä palaute' }).click()
    )
    await checkedAtPhoneWidth(checkedPage)
    assert.match(await checkedPage.title(), /^Virhe: /)

    const plain = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 320, height: 640 },
    })
    const page = await plain.newPage()
    await page.goto(`${origin()}${urlFor('pages.accessibility')}`)
    await submits(page, () =>
      page.getByRole('link', { name: 'Anna palautetta saavutettavuudesta' }).click()
    )
    // Empty: refused next to the fields, what was typed kept.
    await page.getByLabel('Puhelinnumero').fill('12')
    await submits(page, () => page.getByRole('button', { name: 'Lähetä palaute' }).click())
    assert.match(await page.title(), /^Virhe: /)
    await assertShows(assert, page, 'Kerro, mitä sivua tai palvelua palaute koskee.')
    assert.equal(await page.getByLabel('Puhelinnumero').inputValue(), '12')

    await page.getByLabel('Mitä sivua tai palvelua palaute koskee?').fill('Verkostolista')
    await page.getByLabel(/^Palaute/).fill('Rajausten painike jää piiloon suurennettaessa.')
    await page.getByLabel('Puhelinnumero').fill('')
    await page.getByLabel('Sähköpostiosoite').fill('antaja@example.fi')
    await submits(page, () => page.getByRole('button', { name: 'Lähetä palaute' }).click())
    await assertShows(assert, page, `Kiitos palautteesta.`, `viimeistään ${due}`)
    await plain.close()

    // The national centre reads it, with the day the reply is due, and marks it answered.
    await browserContext.loginAs(await createUser('admin'))
    const admin = await visit(urlFor('home.show'))
    await admin.getByRole('link', { name: 'Saavutettavuuspalaute' }).click()
    await checkedAtPhoneWidth(admin)
    const item = admin.locator('.feedback-item', { hasText: 'Verkostolista' })
    assert.include(await item.innerText(), 'Rajausten painike jää piiloon suurennettaessa.')
    assert.include(await item.innerText(), `Saapunut\n${formatDate(today(), 'fi')}`)
    assert.include(await item.innerText(), `Vastattava viimeistään\n${due}`)
    await submits(admin, () => item.getByRole('button', { name: /^Merkitse vastatuksi/ }).click())
    await checkedAtPhoneWidth(admin)
    await assertShows(assert, admin, 'Vastausta odottavaa palautetta ei ole.')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
