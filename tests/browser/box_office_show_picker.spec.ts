/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { DateTime } from 'luxon'
import env from '#start/env'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import CardUse from '#usage/models/card_use'
import Occurrence from '#offers/models/occurrence'
import type Card from '#registry/models/card'
import type User from '#registry/models/user'
import { RECORD_AFTERWARDS_DAYS } from '#offers/services/restrictions'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer } from '#tests/helpers/offer_fixtures'
import {
  assertShows,
  checked,
  checkedAtPhoneWidth,
  checkedWithoutScripts,
  htmxAnswers,
  openMenu,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import { ZONE, today } from '#core/services/time'
import { at, onRoute } from '#tests/helpers/routes'

/*
| The box office's show choice at phone width (320 px), by keyboard only and
| without JavaScript: every choice starts with its date and time and is
| written out whole; today's shows are radio buttons, the others in a select.
*/

const LONG_TITLE =
  'Kevätuhri – Tampereen Teatterin ja Tampereen Työväen Teatterin yhteistuotanto suurella näyttämöllä'
/** "ke 3.12. klo 19.00 — …": weekday, date and time first. */
const DATE_FIRST = /^[a-z]{2} \d{1,2}\.\d{1,2}\. klo \d{1,2}\.\d{2} — /

async function boxOffice() {
  const venueUser = await createUser('venue')
  const venue = await Organisation.findOrFail(venueUser.organisationId)
  const offer = await createOffer(venue, { title: 'Kevätuhri' })
  const longOffer = await createOffer(venue, { title: LONG_TITLE })
  const tonight = await createOccurrence(offer, { daysAhead: 0, cardCap: 4 })
  const tonightLong = await createOccurrence(longOffer, { daysAhead: 0 })
  const later = await createOccurrence(offer, { daysAhead: 5 })
  const distributor = await createUser('distributor')
  const cards: Card[] = []
  for (let i = 0; i < 4; i++) cards.push(await issueCard(distributor, { childrenCount: 0 }))
  return { venueUser, venue, offer, tonight, tonightLong, later, cards, distributor }
}

/** The picker's texts, and whether any of them is cut or wider than the page. */
async function pickerTexts(page: Page) {
  return page.evaluate(() => {
    const elements = [
      ...document.querySelectorAll<HTMLElement>('.show-picker__label, .show-picker select'),
    ]
    return {
      labels: [...document.querySelectorAll<HTMLElement>('.show-picker__label')].map((label) =>
        label.innerText.replace(/\s+/g, ' ').trim()
      ),
      options: [...document.querySelectorAll<HTMLOptionElement>('#otherShow option')]
        .filter((option) => option.value)
        .map((option) => option.text),
      clipped: elements
        .filter(
          (element) =>
            element.scrollWidth > element.clientWidth ||
            element.getBoundingClientRect().right > window.innerWidth
        )
        .map((element) => element.id || element.innerText),
    }
  })
}

async function assertReadable(page: Page, assert: any, titles: string[]) {
  const { labels, options, clipped } = await pickerTexts(page)
  assert.deepEqual(clipped, [])
  for (const text of [...labels, ...options]) assert.match(text, DATE_FIRST)
  for (const title of titles) {
    assert.isTrue(
      labels.some((label) => label.includes(title)),
      `${title} in ${labels.join(' | ')}`
    )
  }
  return { labels, options }
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null)
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null
    return { name: element?.name, value: element?.value, checked: element?.checked }
  })

/** Tabs (forward, or back with Shift+Tab) until the focus is on the element `matches` accepts. */
async function tabTo(
  page: Page,
  matches: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  key = 'Tab'
) {
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press(key)
    if (matches(await focused(page))) return
  }
  throw new Error('The keyboard never reached the element')
}

/** Chooses an option of the focused select with the arrow keys. */
async function arrowTo(page: Page, value: string) {
  for (let i = 0; i < 30; i++) {
    if ((await focused(page)).value === value) return
    await page.keyboard.press('ArrowDown')
  }
  throw new Error(`No option ${value}`)
}

async function usesOn(occurrence: Occurrence) {
  return (await CardUse.query().where('occurrence_id', occurrence.id)).map((use) => use.cardCode)
}

async function signedInPage(browser: any, user: User, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled })
  await context.loginAs(user)
  const page: Page = await context.newPage()
  await page.setViewportSize({ width: 320, height: 640 })
  return { context, page }
}

const show = (occurrence: Occurrence) => `occurrence-${occurrence.id}`

test.group('Browser: the box office show choice', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test("at 320 px by keyboard only: date and time first, nothing cut; today's show by radio, a later one by select", async ({
    browser,
    assert,
  }) => {
    const s = await boxOffice()
    const { context, page } = await signedInPage(browser, s.venueUser, true)
    await page.goto(new URL(urlFor('registrations.create'), env.get('APP_URL')).href)
    await checkedAtPhoneWidth(page)
    const { labels, options } = await assertReadable(page, assert, ['Kevätuhri', LONG_TITLE])
    assert.lengthOf(labels, 2)
    assert.include(labels[0], 'Kevätuhri · 4 korttipaikkaa jäljellä')
    assert.lengthOf(options, 1)
    assert.include(options[0], s.later.startsAt.setZone(ZONE).toFormat('d.M.'))

    // Today's second show, by the arrow keys in the radio group; then the code and Enter.
    assert.equal(await focusedId(page), 'code')
    await tabTo(page, (f) => f.name === 'choice')
    await page.keyboard.press('ArrowDown')
    assert.deepEqual(await focused(page), {
      name: 'choice',
      value: show(s.tonightLong),
      checked: true,
    })
    await tabTo(page, (f) => f.name === 'code', 'Shift+Tab')
    await page.keyboard.type(s.cards[0].code)
    await htmxAnswers(page, () => page.keyboard.press('Enter'))
    await checkedAtPhoneWidth(page)
    assert.include(await page.locator('.notice--success').innerText(), 'Kirjattu: kortti')
    assert.deepEqual(await usesOn(s.tonightLong), [s.cards[0].code])
    // The choice stays for the next card in the queue.
    assert.equal(await page.locator('input[name=choice]:checked').inputValue(), show(s.tonightLong))
    assert.equal(await focusedId(page), 'code')

    // A later show: from the select, brought up as a radio button by its button.
    await tabTo(page, (f) => f.name === 'choice')
    await page.keyboard.press('Tab')
    assert.equal(await focusedId(page), 'otherShow')
    await arrowTo(page, show(s.later))
    await page.keyboard.press('Tab')
    await submits(page, () => page.keyboard.press('Enter'))
    await checkedAtPhoneWidth(page)
    await assertReadable(page, assert, ['Kevätuhri', LONG_TITLE])
    assert.equal(await page.locator('input[name=choice]:checked').inputValue(), show(s.later))
    assert.equal(await focusedId(page), 'code')
    await page.keyboard.type(s.cards[1].code)
    await htmxAnswers(page, () => page.keyboard.press('Enter'))
    await checked(page)
    assert.include(await page.locator('.notice--success').innerText(), 'Kirjattu: kortti')
    assert.deepEqual(await usesOn(s.later), [s.cards[1].code])
    assert.equal(await page.locator('input[name=choice]:checked').inputValue(), show(s.later))

    // A refused card: the answer, and the code selected in its field for the next scan.
    s.tonight.cardCap = 1
    await s.tonight.save()
    await page
      .getByRole('radio', { name: /Kevätuhri · / })
      .first()
      .check()
    await page.locator('#code').focus()
    await page.keyboard.type(s.cards[2].code)
    await htmxAnswers(page, () => page.keyboard.press('Enter'))
    await page.locator('#code').focus()
    await page.keyboard.type(s.cards[3].code)
    await htmxAnswers(page, () => page.keyboard.press('Enter'))
    await checked(page)
    assert.include(await page.getByRole('alert').innerText(), 'ei käy')
    assert.deepEqual(
      await page.evaluate(() => {
        const field = document.activeElement as HTMLInputElement
        return [field.id, field.value.slice(field.selectionStart!, field.selectionEnd!)]
      }),
      ['code', s.cards[3].code]
    )
    await context.close()
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('without JavaScript at 320 px: the same choice, by radio and by select', async ({
    browser,
    assert,
  }) => {
    const s = await boxOffice()
    const { context, page } = await signedInPage(browser, s.venueUser, false)
    await page.goto(new URL(urlFor('registrations.create'), env.get('APP_URL')).href)
    await checkedWithoutScripts(page)
    await assertReadable(page, assert, ['Kevätuhri', LONG_TITLE])

    await page.getByRole('radio', { name: new RegExp(LONG_TITLE) }).check()
    await page.getByLabel('Kortin koodi').fill(s.cards[0].code)
    await submits(page, () => page.getByLabel('Kortin koodi').press('Enter'))
    await checkedWithoutScripts(page)
    assert.include(await page.locator('.notice--success').innerText(), 'Kirjattu: kortti')
    assert.deepEqual(await usesOn(s.tonightLong), [s.cards[0].code])
    assert.equal(await page.locator('input[name=choice]:checked').inputValue(), show(s.tonightLong))
    assert.equal(await focusedId(page), 'code')

    await page.getByLabel('Muu esitys').selectOption(show(s.later))
    await submits(page, () => page.getByRole('button', { name: 'Valitse tämä esitys' }).click())
    await checkedWithoutScripts(page)
    await assertReadable(page, assert, ['Kevätuhri', LONG_TITLE])
    assert.equal(await page.locator('input[name=choice]:checked').inputValue(), show(s.later))
    await page.getByLabel('Kortin koodi').fill(s.cards[1].code)
    await submits(page, () => page.getByRole('button', { name: 'Kirjaa', exact: true }).click())
    await checkedWithoutScripts(page)
    assert.deepEqual(await usesOn(s.later), [s.cards[1].code])
    await context.close()
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('a venue adds a show 3 days back and records a use on it', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const s = await boxOffice()
    const card = s.cards[0]
    card.issuedOn = today().minus({ days: RECORD_AFTERWARDS_DAYS })
    await card.save()
    await browserContext.loginAs(s.venueUser)
    const page = await visit(urlFor('occurrences.create', { offerId: s.offer.id }))
    await checkedAtPhoneWidth(page)

    // Too far back first: refused next to the date, the date kept.
    const tooOld = today().minus({ days: RECORD_AFTERWARDS_DAYS + 1 })
    await page.getByLabel('Päivämäärä').fill(tooOld.toFormat('d.M.yyyy'))
    await page.getByLabel('Alkamisaika').fill('19:00')
    await page.getByLabel('Paikkoja yhteensä').fill('100')
    await submits(page, () => page.getByRole('button', { name: 'Lisää', exact: true }).click())
    await checkedAtPhoneWidth(page)
    assert.include(
      await page.locator('#date-error').innerText(),
      `enintään ${RECORD_AFTERWARDS_DAYS} päivää taaksepäin`
    )
    assert.equal(await page.getByLabel('Päivämäärä').inputValue(), tooOld.toFormat('d.M.yyyy'))

    const threeDaysBack = today().minus({ days: 3 })
    await page.getByLabel('Päivämäärä').fill(threeDaysBack.toFormat('d.M.yyyy'))
    await submits(page, () => page.getByRole('button', { name: 'Lisää', exact: true }).click())
    await page.waitForURL(onRoute('venue_offers.show'))
    await checkedAtPhoneWidth(page)
    await assertShows(
      assert,
      page,
      'Menneet esitykset on merkitty jälkikirjaukseksi.',
      'Jälkikirjaus'
    )
    const past = await Occurrence.query()
      .where('offer_id', s.offer.id)
      .where('starts_at', '<', DateTime.now().toUTC().toSQL({ includeOffset: false })!)
      .firstOrFail()

    // The box office finds it under recording afterwards and registers the card on its date.
    await openMenu(page)
    await page.getByRole('link', { name: 'Kirjaa kortti' }).first().click()
    await page.waitForURL(at(urlFor('registrations.create'), {}))
    await checkedAtPhoneWidth(page)
    const select = page.getByLabel('Muu esitys')
    assert.include(
      await select.locator('optgroup', { hasText: 'Kevätuhri' }).last().getAttribute('label'),
      'Jälkikirjaus'
    )
    await select.focus()
    await arrowTo(page, show(past))
    await page.keyboard.press('Tab')
    await submits(page, () => page.keyboard.press('Enter'))
    await checkedAtPhoneWidth(page)
    const { labels } = await assertReadable(page, assert, ['Kevätuhri'])
    assert.isTrue(labels.some((label) => label.endsWith('jälkikirjaus')))
    await page.keyboard.type(card.code)
    await htmxAnswers(page, () => page.keyboard.press('Enter'))
    await checked(page)
    assert.include(await page.locator('.notice--success').innerText(), 'Kirjattu: kortti')
    const use = await CardUse.query().where('occurrence_id', past.id).firstOrFail()
    assert.equal(use.usedOn.toISODate(), threeDaysBack.toISODate())
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
