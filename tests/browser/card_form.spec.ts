/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Card from '#registry/models/card'
import Organisation from '#registry/models/organisation'
import Post from '#bulletin/models/post'
import Campaign from '#messaging/models/campaign'
import Genre from '#offers/models/genre'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'
import { createPrintRun } from '#tests/helpers/print_fixtures'
import { createOffer } from '#tests/helpers/offer_fixtures'
import { formatCardCode } from '#registry/services/card_code'
import {
  checked,
  checkedAtPhoneWidth,
  checkedWithoutScripts,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import { at, onRoute } from '#tests/helpers/routes'
import env from '#start/env'
import { fakeTwilio } from '#tests/helpers/fake_twilio'

/** A page's full address on the test server, for a context made without `visit`. */
const address = (path: string) => new URL(path, env.get('APP_URL')).href

/** The focused element: its id, or its text for a link or a button. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    return element?.id || element?.textContent?.trim() || ''
  })

/** Presses Tab and says where focus went. */
async function tab(page: Page) {
  await page.keyboard.press('Tab')
  return focused(page)
}

test.group('Browser: the card form and the card page, by keyboard on a phone', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('the form opens in its first field, one step skips the voluntary part, and the card page puts printing and OmaKaiku first, the endings apart', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    await browserContext.loginAs(distributor)
    const page = await visit(urlFor('cards.create'))
    await checkedAtPhoneWidth(page)

    // No printed cards in this area: a new code, and focus starts in the birth year.
    assert.equal(await focused(page), 'birthYear')
    await page.keyboard.type('1984')
    assert.equal(await tab(page), 'postalCode')
    await page.keyboard.type('33100')
    assert.equal(await tab(page), 'residesInArea')
    await page.keyboard.press('Space')
    assert.equal(await tab(page), 'childrenCount')
    await page.keyboard.type('2')

    // The voluntary part: its first stop is the link past it.
    assert.equal(await tab(page), 'Ohita vapaaehtoiset tiedot ja siirry suostumukseen')
    await page.keyboard.press('Enter')
    assert.equal(await focused(page), 'consent-heading')
    await tab(page) // the privacy notice's link
    assert.equal(await tab(page), 'consent')
    await page.keyboard.press('Space')
    assert.equal(await tab(page), 'Rekisteröi kortti')
    await checkedAtPhoneWidth(page)
    await Promise.all([page.waitForURL(onRoute('cards.show')), page.keyboard.press('Enter')])
    await checkedAtPhoneWidth(page)

    const card = await Card.query()
      .where('issuing_organisation_id', distributor.organisationId!)
      .firstOrFail()
    assert.equal(card.childrenCount, 2)
    assert.deepEqual(card.motherTongues, [])
    assert.include(await page.locator('h1').innerText(), formatCardCode(card.code))

    // The page's first stops: printing the card and activating OmaKaiku.
    const inMain = await page.evaluate(() =>
      [...document.querySelectorAll('main a[href], main button')]
        .slice(0, 2)
        .map((element) => element.textContent?.trim())
    )
    assert.deepEqual(inMain, ['Tulosta kortti', 'Aktivoi OmaKaiku'])
    await page.locator('#main-content').focus()
    assert.equal(await tab(page), 'Tulosta kortti')
    assert.equal(await tab(page), 'Aktivoi OmaKaiku')

    // The changes that end the card: together, last, under their own heading, marked in red.
    const ending = page.locator('.danger-zone')
    assert.equal(await ending.getByRole('heading').innerText(), 'Kortin lopettaminen')
    assert.deepEqual(await ending.getByRole('link').allInnerTexts(), [
      'Kadonnut kortti: siirrä uudelle koodille',
      'Päätä voimassaolo',
      'Poista kortti käytöstä',
      'Peru suostumus',
    ])
    assert.equal(
      await ending.evaluate((element) => getComputedStyle(element).borderTopColor),
      'rgb(176, 0, 32)'
    )
    assert.isTrue(
      await page.evaluate(() => {
        const zone = document.querySelector('.danger-zone')!
        const tables = document.querySelectorAll('main table')
        const last = tables[tables.length - 1]
        return Boolean(last.compareDocumentPosition(zone) & Node.DOCUMENT_POSITION_FOLLOWING)
      })
    )

    // Each still asks for confirmation first.
    await ending.getByRole('link', { name: 'Päätä voimassaolo' }).focus()
    await Promise.all([page.waitForURL(/\/end$/), page.keyboard.press('Enter')])
    await checkedAtPhoneWidth(page)
    assert.equal((await Card.findOrFail(card.id)).status, 'active')
    await page.goBack()

    await Promise.all([
      page.waitForURL(onRoute('activations.create')),
      page.getByRole('link', { name: 'Aktivoi OmaKaiku' }).click(),
    ])
    await checkedAtPhoneWidth(page)

    // A holder with no e-mail: a code by SMS, read out at the desk.
    fakeTwilio.reset()
    await page.getByLabel('Etunimi').fill('Eino')
    await page.getByLabel('Sukunimi').fill('Lahtinen')
    await page.getByLabel('Matkapuhelinnumero').fill('040 555 6677')
    await page.getByLabel('Kotikunta').selectOption({ index: 1 })
    await submits(page, () => page.getByRole('button', { name: 'Luo OmaKaiku-tili' }).click())
    await checkedAtPhoneWidth(page)
    assert.equal(await focused(page), 'phoneCode')
    const code = /\d{6}/.exec(fakeTwilio.sent.at(-1)?.body ?? '')![0]
    await page.keyboard.type(code)
    await page.getByLabel('Kortinhaltija haluaa tekstiviestillä').check()
    await submits(page, () => page.getByRole('button', { name: 'Vahvista numero' }).click())
    await checkedAtPhoneWidth(page)
    await page.waitForURL(onRoute('cards.show'))
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('with printed cards the form opens in the code field, and a scanned code moves on', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const organisation = await Organisation.findOrFail(distributor.organisationId)
    const { codes } = await createPrintRun({ id: organisation.areaId! })
    await browserContext.loginAs(distributor)
    const page = await visit(urlFor('cards.create'))
    await checkedAtPhoneWidth(page)
    assert.equal(await focused(page), 'code')
    await page.keyboard.type(formatCardCode(codes[0]))
    await page.keyboard.press('Enter')
    await page.locator('#code-ok').waitFor()
    await page.waitForFunction(() => document.activeElement?.id === 'type')
    await checked(page)
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})

test.group('Browser: the compose forms show what the audience needs', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('with JavaScript the fields change with the audience, and the change is announced', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const { area } = await createArea()
    const distributorOrg = await createOrganisation('distributor', area)
    const venueUser = await createUser('venue', {
      organisation: await createOrganisation('venue', area),
    })
    await createOffer(await Organisation.findOrFail(venueUser.organisationId), {
      title: 'Kevätuhri',
    })
    await browserContext.loginAs(venueUser)

    // The bulletin: a whole area needs nothing more; one organisation needs the organisation.
    const page = await visit(urlFor('posts.create'))
    await checkedAtPhoneWidth(page)
    assert.equal(await page.locator('select[name=organisationId]').count(), 0)
    await page.getByRole('radio', { name: 'Yhdelle organisaatiolle' }).check()
    await page.getByLabel('Organisaatio', { exact: true }).waitFor()
    await page.waitForFunction(() =>
      document.getElementById('live-region')?.textContent?.includes('Organisaatio')
    )
    assert.equal(await page.locator('select[name=userId]').count(), 0)
    await checkedAtPhoneWidth(page)
    await page.getByRole('radio', { name: 'Yhdelle henkilölle' }).check()
    await page.getByLabel('Henkilö', { exact: true }).waitFor()
    assert.equal(await page.locator('select[name=organisationId]').count(), 0)
    await page.getByRole('radio', { name: 'Yhdelle organisaatiolle' }).check()
    await page.locator('select[name=userId]').waitFor({ state: 'detached' })
    await page.getByLabel('Organisaatio', { exact: true }).selectOption(String(distributorOrg.id))
    await page.getByLabel('Otsikko').fill('Lippuja nuorille')
    await page.locator('#message').fill('Kevätuhriin on vielä paikkoja.')
    await submits(page, () => page.getByRole('button', { name: 'Lähetä viesti' }).click())
    await checked(page)
    const post = await Post.firstOrFail()
    assert.equal(post.audience, 'organisation')
    assert.equal(post.audienceOrganisationId, distributorOrg.id)

    // Messages to cardholders: the genre only for its followers.
    const compose = await visit(urlFor('campaigns.create'))
    await checkedAtPhoneWidth(compose)
    assert.equal(await compose.locator('select[name=genreId]').count(), 0)
    await compose
      .getByRole('radio', { name: 'Alueemme kortinhaltijat, jotka seuraavat valittua lajityyppiä' })
      .check()
    await compose.getByLabel('Lajityyppi', { exact: true }).waitFor()
    await checkedAtPhoneWidth(compose)
    await compose.getByRole('radio', { name: 'Kaikki paikkamme aiemmat kävijät' }).check()
    await compose.locator('select[name=genreId]').waitFor({ state: 'detached' })
    await checked(compose)
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('without JavaScript every field is there, saying when it is needed, and the forms send', async ({
    browser,
    assert,
  }) => {
    const { area } = await createArea()
    const distributorOrg = await createOrganisation('distributor', area)
    const venueUser = await createUser('venue', {
      organisation: await createOrganisation('venue', area),
    })
    const context = await browser.newContext({ javaScriptEnabled: false })
    await context.loginAs(venueUser)
    const page = await context.newPage()
    await page.setViewportSize({ width: 320, height: 640 })

    await page.goto(address(urlFor('posts.create')))
    await checkedWithoutScripts(page)
    const organisation = page.getByLabel('Organisaatio', { exact: true })
    assert.isTrue(await organisation.isVisible())
    assert.include(
      await page.locator('#organisationId-hint').innerText(),
      'Tarvitaan vain, kun kohdassa ”Kenelle” on valittu ”Yhdelle organisaatiolle”.'
    )
    await page.getByRole('radio', { name: 'Yhdelle organisaatiolle' }).check()
    await organisation.selectOption(String(distributorOrg.id))
    await page.getByLabel('Otsikko').fill('Lippuja nuorille')
    await page.locator('#message').fill('Kevätuhriin on vielä paikkoja.')
    await submits(page, () => page.getByRole('button', { name: 'Lähetä viesti' }).click())
    await checkedWithoutScripts(page)
    const post = await Post.firstOrFail()
    assert.equal(post.audienceOrganisationId, distributorOrg.id)

    await page.goto(address(urlFor('campaigns.create')))
    await checkedWithoutScripts(page)
    const drama = await Genre.findByOrFail('key', 'drama')
    await page
      .getByRole('radio', { name: 'Alueemme kortinhaltijat, jotka seuraavat valittua lajityyppiä' })
      .check()
    await page.getByLabel('Lajityyppi', { exact: true }).selectOption(String(drama.id))
    await page
      .getByLabel('Viesti suomeksi')
      .fill('Uusi näytelmä alueellanne: tervetuloa katsomaan!')
    await submits(page, () => page.getByRole('button', { name: 'Lähetä viesti' }).click())
    await checkedWithoutScripts(page)
    assert.isTrue(at(urlFor('campaigns.index'))(new URL(page.url())))
    const campaign = await Campaign.firstOrFail()
    assert.equal(campaign.genreId, drama.id)
    await context.close()
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
