/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { BrowserContext, Page } from 'playwright'
import Municipality from '#registry/models/municipality'
import Organisation from '#registry/models/organisation'
import Offer from '#offers/models/offer'
import CardUse from '#usage/models/card_use'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import {
  assertShows,
  checkedAtPhoneWidth,
  openMenu,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import { formatCardCode } from '#registry/services/card_code'
import { today } from '#core/services/time'
import { at, onRoute } from '#tests/helpers/routes'

/*
| A pop-up venue outside every area (a festival in Helsinki) publishes an
| offer and registers a card at its box office on a phone with JavaScript
| off. axe runs scripts of its own, so each page the plain browser reaches
| is also opened and checked at 320 px in a browser with JavaScript on.
*/
test.group('Browser: a pop-up venue outside every area', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('publishes an offer in Helsinki and registers a use, without JavaScript, at 320 px', async ({
    browser,
    browserContext,
    assert,
  }) => {
    const helsinki = await Municipality.findByOrFail('name', 'Helsinki')
    const venue = await Organisation.create({
      name: 'Helsingin pop-up-festivaali',
      type: 'venue',
      areaId: null,
      municipalityId: helsinki.id,
      venueCategory: 'festival',
      active: true,
    })
    const user = await createUser('venue', { organisation: venue })
    const card = await issueCard(await createUser('distributor'), { childrenCount: 0 })

    const plain: BrowserContext = await browser.newContext({
      baseURL: `http://${env.get('HOST')}:${env.get('PORT')}`,
      javaScriptEnabled: false,
      viewport: { width: 320, height: 640 },
    })
    await plain.loginAs(user)
    await browserContext.loginAs(user)
    const checker = await browserContext.newPage()
    /** The page the plain browser is on, checked with axe at 320 px (GET, in the scripted browser). */
    const check = async (page: Page) => {
      await checker.goto(page.url())
      await checkedAtPhoneWidth(checker)
    }

    const page = await plain.newPage()
    await page.goto(urlFor('venue_offers.create'))
    await check(page)
    // The venue's municipality, from the national list, is chosen already.
    assert.equal(await page.getByLabel('Kunta').inputValue(), String(helsinki.id))
    await page.locator('#title').fill('Puistokonsertti')
    await page.locator('#description').fill('Ulkoilmakonsertti festivaalin päätteeksi.')
    await page.getByRole('radio', { name: 'Esitys tai tapahtuma' }).check()
    await page.getByLabel('Lajityyppi').selectOption({ label: 'Musiikki › Jazz' })
    await page.locator('#location').fill('Kaivopuisto, Helsinki')
    await page.locator('#accessibility').fill('Esteetön kulku pääportilta.')
    await page.getByLabel('Näytä tarjous julkisessa tarjouslistassa').check()
    await submits(page, () => page.getByRole('button', { name: 'Tallenna tarjous' }).click())
    assert.isTrue(onRoute('venue_offers.show')(page.url()), page.url())
    await check(page)
    const offer = await Offer.findByOrFail('organisation_id', venue.id)
    assert.equal(offer.municipalityId, helsinki.id)

    await submits(page, () => page.getByRole('link', { name: 'Lisää esityksiä' }).click())
    await check(page)
    await page.getByLabel('Päivämäärä').fill(today().plus({ days: 1 }).toFormat('d.M.yyyy'))
    await page.getByLabel('Alkamisaika').fill('18:00')
    await page.getByLabel('Paikkoja yhteensä').fill('100')
    await page.getByLabel('Korttipaikat').fill('10')
    await submits(page, () => page.getByRole('button', { name: 'Lisää', exact: true }).click())
    await assertShows(assert, page, 'Yksi esitys lisättiin.')

    await openMenu(page)
    await submits(page, () => page.getByRole('link', { name: 'Kirjaa kortti' }).first().click())
    assert.isTrue(at(urlFor('registrations.create'), {})(page.url()), page.url())
    await check(page)
    await page.getByLabel('Kortin koodi').fill(formatCardCode(card.code))
    await submits(page, () => page.getByRole('button', { name: 'Kirjaa', exact: true }).click())
    assert.include(
      await page.locator('.notice--success').innerText(),
      `Kirjattu: kortti ${formatCardCode(card.code)}`
    )
    const use = await CardUse.findByOrFail('card_code', card.code)
    assert.equal(use.offerId, offer.id)

    // The public list shows the pop-up venue's offer; its filter names Helsinki.
    await page.goto(urlFor('public_offers.index'))
    await check(page)
    await assertShows(assert, page, 'Puistokonsertti')
    await page.getByLabel('Kunta').selectOption({ label: 'Helsinki' })
    await submits(page, () => page.getByRole('button', { name: 'Näytä tarjoukset' }).click())
    await assertShows(assert, page, 'Puistokonsertti')
    await check(page)
    await plain.close()
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
