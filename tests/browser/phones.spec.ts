/// <reference lib="dom" />
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Assert } from '@japa/assert'
import type { Locator, Page } from 'playwright'
import env from '#start/env'
import Organisation from '#registry/models/organisation'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder, HOLDER_PASSWORD } from '#tests/helpers/holder'
import { buildStatsWorld } from '#tests/helpers/stats'
import { checked, checkedWithoutScripts, skipWithoutBrowser, submits } from '#tests/helpers/browser'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { pathOf } from '#tests/helpers/routes'

/*
| Issue 22 item 6: the app on a phone. The header stays small with its menu
| folded behind "Valikko" (a <details>, so no JavaScript is needed), every
| checkbox and radio button is a 24 × 24 px target, OmaKaiku's first offer is on
| the first screen, and a statistics page does not scroll sideways at 320 px.
| Everything is done with the keyboard only.
*/

const address = (path: string) => new URL(path, env.get('APP_URL')).href

/** Presses Tab until the focused element is the one given (at most 40 times). */
async function tabTo(page: Page, selector: string, name?: string) {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab')
    const found = await page.evaluate(
      ([wanted, text]) => {
        const active = document.activeElement
        if (!active || !active.matches(wanted)) return false
        return !text || (active as HTMLElement).innerText.trim() === text
      },
      [selector, name ?? ''] as const
    )
    if (found) return
  }
  throw new Error(`Tab never reached ${selector} ${name ?? ''} on ${page.url()}`)
}

/** The header's height at the page's current width. */
async function headerHeight(page: Page) {
  const box = await page.locator('header.site-header').boundingBox()
  return box!.height
}

/** Whether the element comes to be shown (or hidden) within a second: a loaded machine may paint late. */
async function shownSoon(element: Locator, shown: boolean) {
  return element
    .waitFor({ state: shown ? 'visible' : 'hidden', timeout: 1000 })
    .then(() => true)
    .catch(() => false)
}

/**
 * The menu at phone width, with the keyboard: the header is at most 100 px
 * tall, the menu is folded, Enter and Space open and close it, and a link in
 * it is followed with Enter; on the new page that link is the current page.
 */
async function followMenuLink(page: Page, assert: Assert, linkName: string, check = checked) {
  const summary = page.locator('summary.site-menu__toggle')
  // A CSS locator: a role locator would not find the link while the menu hides it.
  const link = page.locator('.main-nav a', { hasText: new RegExp(`^\\s*${linkName}\\s*$`) })
  assert.isAtMost(await headerHeight(page), 100, `header at ${page.viewportSize()!.width} px`)
  assert.isTrue(await summary.isVisible())
  assert.isFalse(await link.isVisible(), 'the menu starts folded')

  await tabTo(page, 'summary.site-menu__toggle')
  await page.keyboard.press('Enter')
  assert.isTrue(await shownSoon(link, true), 'Enter opens the menu')
  await page.keyboard.press('Space')
  assert.isTrue(await shownSoon(link, false), 'Space folds it again')
  await page.keyboard.press('Space')
  assert.isTrue(await shownSoon(link, true), 'Space opens it')
  await check(page)

  await tabTo(page, '.main-nav a', linkName)
  await submits(page, () => page.keyboard.press('Enter'))
  await check(page)
  assert.isAtMost(await headerHeight(page), 100)
  // The link is marked as the current page, inside the folded menu.
  assert.equal(await link.getAttribute('aria-current'), 'page')
}

/** Every checkbox and radio button on the page whose target (the input, or else its label) is under 24 × 24 px. */
function smallTargets(page: Page) {
  return page.evaluate(() => {
    const small: string[] = []
    const inputs = document.querySelectorAll<HTMLInputElement>(
      'main input[type=checkbox], main input[type=radio]'
    )
    for (const input of inputs) {
      const box = input.getBoundingClientRect()
      if (box.width >= 24 && box.height >= 24) continue
      const label = input.labels?.[0]?.getBoundingClientRect()
      if (label && label.width >= 24 && label.height >= 24) continue
      small.push(`${input.name}=${input.value} ${box.width}×${box.height}`)
    }
    return { count: inputs.length, small }
  })
}

async function assertTargets(page: Page, assert: Assert, atLeast: number) {
  await checked(page)
  const { count, small } = await smallTargets(page)
  assert.isAtLeast(count, atLeast, `checkboxes and radios on ${page.url()}`)
  assert.deepEqual(small, [], `small targets on ${page.url()}`)
}

async function signInAsHolder(page: Page, email: string) {
  await page.getByLabel('Sähköpostiosoite').fill(email)
  await page.getByLabel('Salasana').fill(HOLDER_PASSWORD)
  await submits(page, () => page.getByRole('button', { name: 'Kirjaudu' }).press('Enter'))
}

test.group('Browser: on a phone', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test("a staff user's header stays under 100 px at 320 and 360 px; its menu works with the keyboard", async ({
    visit,
    browserContext,
    assert,
  }) => {
    await browserContext.loginAs(await createUser('admin'))
    const page = await visit(urlFor('home.show'))
    for (const [width, linkName] of [
      [320, 'Käyttäjät'],
      [360, 'Organisaatiot'],
    ] as const) {
      await page.setViewportSize({ width, height: 640 })
      await page.goto(urlFor('home.show'))
      await checked(page)
      await followMenuLink(page, assert, linkName)
      assert.equal(
        pathOf(page.url()),
        linkName === 'Käyttäjät' ? urlFor('users.index') : urlFor('organisations.index')
      )
    }
    // Signing out is in the menu on a phone.
    await page.locator('summary.site-menu__toggle').press('Enter')
    await tabTo(page, '.site-menu__user button', 'Kirjaudu ulos')
    await submits(page, () => page.keyboard.press('Enter'))
    await checked(page)
    assert.isTrue(await page.getByLabel('Sähköpostiosoite').isVisible())

    // A wide screen shows the menu open, with no button.
    await browserContext.loginAs(await createUser('admin'))
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(urlFor('users.index'))
    await checked(page)
    assert.isFalse(await page.locator('summary.site-menu__toggle').isVisible())
    assert.isTrue(await page.getByRole('link', { name: 'Organisaatiot', exact: true }).isVisible())
    assert.isTrue(await page.getByRole('button', { name: 'Kirjaudu ulos' }).isVisible())
    await tabTo(page, '.main-nav a', 'Organisaatiot')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the menus work with JavaScript off, for staff and in OmaKaiku', async ({
    browser,
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const card = await issueCard(await createUser('distributor'))
    const account = await createHolder(card)
    const plain = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 640 },
    })
    try {
      // A holder cancelled a ticket: the folded menu tells there is something new inside.
      const venue = await Organisation.findOrFail(venueUser.organisationId)
      const cancelled = await createOffer(venue, { title: 'Peruttu ilta' })
      await recordUse(card.code, cancelled, await createOccurrence(cancelled, { daysAhead: 6 }), {
        status: 'cancelled',
        cancelledBy: 'holder',
        cancelledAt: DateTime.now(),
      })
      await plain.loginAs(venueUser)
      const page = await plain.newPage()
      await page.goto(address(urlFor('registrations.create')))
      await checkedWithoutScripts(page)
      assert.equal(
        (await page.locator('summary.site-menu__toggle').innerText()).replace(/\s+/g, ' ').trim(),
        'Valikko (1 uutta)'
      )
      await followMenuLink(page, assert, 'Omat tarjoukset', checkedWithoutScripts)
      assert.equal(pathOf(page.url()), urlFor('venue_offers.index'))

      const holderPage = await plain.newPage()
      await holderPage.goto(address(urlFor('holder_session.create')))
      await signInAsHolder(holderPage, account.email)
      await checkedWithoutScripts(holderPage)
      await followMenuLink(holderPage, assert, 'Asetukset', checkedWithoutScripts)
      assert.equal(pathOf(holderPage.url()), urlFor('notification_settings.edit'))
    } finally {
      await plain.close()
    }
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test("OmaKaiku's header, its settings' checkboxes and its offers on the first screen", async ({
    visit,
    assert,
  }) => {
    const card = await issueCard(await createUser('distributor'))
    const account = await createHolder(card)
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue, { title: 'Kevätuhri' })
    await createOccurrence(offer, { daysAhead: 5 })

    const page = await visit(urlFor('holder_session.create'))
    await page.setViewportSize({ width: 360, height: 640 })
    await signInAsHolder(page, account.email)
    await checked(page)
    await followMenuLink(page, assert, 'Tarjonta')
    assert.equal(pathOf(page.url()), urlFor('holder_offers.index'))

    // The first offer's heading is on the first screen; the filters are behind a button.
    const firstOffer = page.locator('.offer-card__title').first()
    const box = (await firstOffer.boundingBox())!
    assert.isAtMost(box.y + box.height, 640)
    const filterButton = page.locator('summary', { hasText: 'Rajaa tarjouksia' })
    assert.isFalse(await page.getByLabel('Laji').isVisible())
    await tabTo(page, 'summary', 'Rajaa tarjouksia')
    await page.keyboard.press('Enter')
    assert.isTrue(await page.getByLabel('Laji').isVisible())
    await checked(page)
    assert.isTrue(await filterButton.isVisible())

    // A filter in use keeps them open.
    await page.goto(urlFor('holder_offers.index', {}, { qs: { area: venue.areaId } }))
    await checked(page)
    assert.isTrue(await page.getByLabel('Laji').isVisible())

    // The settings' checkboxes, at 320 px where their labels wrap.
    await page.setViewportSize({ width: 320, height: 640 })
    await page.goto(urlFor('notification_settings.edit'))
    await assertTargets(page, assert, 4)
    assert.isAtMost(await headerHeight(page), 100)
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('every checkbox and radio button is a 24 × 24 px target at 320 px', async ({
    visit,
    browser,
    browserContext,
    assert,
  }) => {
    // The card form's consent, as a distributor.
    await browserContext.loginAs(await createUser('distributor'))
    const page = await visit(urlFor('cards.create'))
    await page.setViewportSize({ width: 320, height: 640 })
    await page.reload()
    await assertTargets(page, assert, 2)

    // A message's audiences and channels, and the offer form, as a venue.
    const venueContext = await browser.newContext({ viewport: { width: 320, height: 640 } })
    try {
      await venueContext.loginAs(await createUser('venue'))
      const venuePage = await venueContext.newPage()
      await venuePage.goto(address(urlFor('campaigns.create')))
      assert.equal(pathOf(venuePage.url()), urlFor('campaigns.create'))
      await assertTargets(venuePage, assert, 3)
      await venuePage.goto(address(urlFor('venue_offers.create')))
      await assertTargets(venuePage, assert, 4)
    } finally {
      await venueContext.close()
    }
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('a statistics page at 320 px: no sideways scroll, the table in place of the chart', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const world = await buildStatsWorld()
    await browserContext.loginAs(await createUser('area_coordinator', { area: world.areaA }))
    const page = await visit(urlFor('dashboards.show', { dashboard: 'area' }))
    await page.setViewportSize({ width: 320, height: 640 })
    await checked(page)
    assert.isAtMost(await page.evaluate(() => document.documentElement.scrollWidth), 320)
    assert.isTrue(await page.locator('.stat-table').first().isVisible())
    assert.isFalse(await page.locator('.stat-chart').first().isVisible())
    assert.isAtMost(await headerHeight(page), 100)

    // A wide screen has both.
    await page.setViewportSize({ width: 1280, height: 900 })
    assert.isTrue(await page.locator('.stat-chart').first().isVisible())
    assert.isTrue(await page.locator('.stat-table').first().isVisible())
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
