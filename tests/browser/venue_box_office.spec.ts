/// <reference lib="dom" />
import { test } from '@japa/runner'
import env from '#start/env'
import testUtils from '@adonisjs/core/services/test_utils'
import Organisation from '#registry/models/organisation'
import CardUse from '#usage/models/card_use'
import Offer from '#offers/models/offer'
import type Card from '#registry/models/card'
import { createUser, issueCard, PASSWORD } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer } from '#tests/helpers/offer_fixtures'
import {
  assertShows,
  checked,
  checkedAtPhoneWidth,
  checkedWithoutScripts,
  htmxAnswers,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import { formatCardCode } from '#registry/services/card_code'
import { today } from '#core/services/time'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { at, onRoute } from '#tests/helpers/routes'

/** Runs an action that sends a form, and waits until the answer page has loaded. */
test.group("Browser: a venue's box office", (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('create an offer with a cap of 3, register three cards by keyboard, refuse the fourth, cancel one, register the fourth', async ({
    visit,
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const distributor = await createUser('distributor')
    const cards: Card[] = []
    for (let i = 0; i < 4; i++) cards.push(await issueCard(distributor, { childrenCount: 0 }))

    const page = await visit(urlFor('venue_offers.create'))
    await page.getByLabel('Sähköpostiosoite').fill(venueUser.email)
    await page.getByLabel('Salasana').fill(PASSWORD)
    await page.getByRole('button', { name: 'Kirjaudu' }).click()
    await page.waitForURL(at(urlFor('venue_offers.create')))
    await checked(page)

    await page.locator('#title').fill('Kevätuhri')
    await page.locator('#description').fill('Draama kolmen sukupolven perheestä.')
    await page.getByRole('radio', { name: 'Esitys tai tapahtuma' }).check()
    await page.getByLabel('Lajityyppi').selectOption({ label: 'Teatteri › Draama' })
    await page.locator('#location').fill('Suuri näyttämö')
    await page.locator('#accessibility').fill('Esteetön sisäänkäynti, induktiosilmukka.')
    await page.getByLabel('Näytä tarjous julkisessa tarjouslistassa').check()
    await page.getByRole('button', { name: 'Tallenna tarjous' }).click()
    await page.waitForURL(onRoute('venue_offers.show'))
    await checked(page)
    const offer = await Offer.findByOrFail('organisation_id', venue.id)

    await page.getByRole('link', { name: 'Lisää esityksiä' }).click()
    await checked(page)
    // First a cap below 3 % of 100 seats: refused with the rule and the range.
    const tomorrow = today().plus({ days: 1 })
    await page.getByLabel('Päivämäärä').fill(tomorrow.toFormat('d.M.yyyy'))
    await page.getByLabel('Alkamisaika').fill('19:00')
    await page.getByLabel('Paikkoja yhteensä').fill('100')
    await page.getByLabel('Korttipaikat').fill('2')
    await submits(page, () => page.getByRole('button', { name: 'Lisää', exact: true }).click())
    await checked(page)
    assert.match(await page.title(), /^Virhe: /)
    assert.include(
      await page.locator('#cardCap-error').innerText(),
      'vähintään 3 % paikoista, ylöspäin pyöristettynä: tähän esitykseen 3–100'
    )
    assert.equal(await page.getByLabel('Paikkoja yhteensä').inputValue(), '100')
    await page.getByLabel('Korttipaikat').fill('3')
    await page.getByRole('button', { name: 'Lisää', exact: true }).click()
    await page.waitForURL(onRoute('venue_offers.show'))
    await checked(page)
    await assertShows(assert, page, 'Yksi esitys lisättiin.')

    // The box office: keyboard only. The code field has focus; a scanner types the code and Enter.
    await page.getByRole('link', { name: 'Kirjaa kortti' }).first().click()
    await page.waitForURL(at(urlFor('registrations.create'), {}))
    await checked(page)
    // Each answer counts the show's places left; the show stays chosen, the choices as they were.
    const chosenShowText = () =>
      page.getByRole('radio', { checked: true }).evaluate((radio) => {
        const label = (radio as HTMLInputElement).labels![0].textContent!
        return { label, choicesOnPage: document.querySelectorAll('#show-choices').length }
      })
    assert.include((await chosenShowText()).label, '3 korttipaikkaa jäljellä')
    const placesLeft = ['2 korttipaikkaa jäljellä', '1 korttipaikka jäljellä', 'korttipaikat loppu']
    for (const [index, card] of cards.slice(0, 3).entries()) {
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'code')
      await page.keyboard.type(card.code.toLowerCase())
      await htmxAnswers(page, () => page.keyboard.press('Enter'))
      assert.include(
        await page.locator('.notice--success').innerText(),
        `Kirjattu: kortti ${formatCardCode(card.code)}`
      )
      const chosen = await chosenShowText()
      assert.include(chosen.label, `Kevätuhri · ${placesLeft[index]}`)
      assert.equal(chosen.choicesOnPage, 1)
    }
    await checked(page)

    // The fourth: refused, as an answer about the card with what to tell the holder.
    await page.keyboard.type(formatCardCode(cards[3].code))
    await htmxAnswers(page, () => page.keyboard.press('Enter'))
    await checked(page)
    const answer = await page.getByRole('alert').innerText()
    assert.include(answer, `Kortti ${formatCardCode(cards[3].code)} ei käy`)
    assert.include(answer, 'Tähän esitykseen ei ole enää korttipaikkoja.')
    assert.include(answer, 'Kerro kortinhaltijalle:')
    // The refused code waits selected in its field, so the next scan replaces it.
    const codeField = () =>
      page.evaluate(() => {
        const field = document.activeElement as HTMLInputElement
        return {
          id: field.id,
          selected: field.value.slice(field.selectionStart!, field.selectionEnd!),
        }
      })
    assert.deepEqual(await codeField(), { id: 'code', selected: formatCardCode(cards[3].code) })
    await page.keyboard.type(formatCardCode(cards[0].code))
    await htmxAnswers(page, () => page.keyboard.press('Enter'))
    await checked(page)
    assert.include(
      await page.getByRole('alert').innerText(),
      `Kortti ${formatCardCode(cards[0].code)} ei käy`
    )
    assert.deepEqual(await codeField(), { id: 'code', selected: formatCardCode(cards[0].code) })
    assert.equal(
      await CardUse.query()
        .where('offer_id', offer.id)
        .then((uses) => uses.length),
      3
    )

    // Cancel one on the show's list; its place is free again.
    await page.goto(urlFor('venue_offers.show', { id: offer.id }))
    await page.getByRole('link', { name: new RegExp(`^${tomorrow.toFormat('d.M.yyyy')}`) }).click()
    await page.waitForURL(onRoute('rosters.show'))
    await checkedAtPhoneWidth(page)
    await submits(page, () =>
      page.getByRole('button', { name: `Peru ${formatCardCode(cards[1].code)}` }).click()
    )
    await checked(page)
    await assertShows(assert, page, 'paikka on taas vapaa')

    await page.getByRole('link', { name: 'Kirjaa kortti tähän esitykseen' }).click()
    await page.waitForURL(at(urlFor('registrations.create'), {}))
    await checked(page)
    await page.keyboard.type(cards[3].code)
    await htmxAnswers(page, () => page.keyboard.press('Enter'))
    await checked(page)
    assert.include(
      await page.locator('.notice--success').innerText(),
      `Kirjattu: kortti ${formatCardCode(cards[3].code)}`
    )
    const live = await CardUse.query().where('offer_id', offer.id).where('status', 'registered')
    assert.sameMembers(
      live.map((use) => use.cardCode),
      [cards[0].code, cards[2].code, cards[3].code]
    )

    // The public sees the offer and its terms, without signing in.
    await page.goto(urlFor('public_offers.show', { id: offer.id }))
    await checkedAtPhoneWidth(page)
    await assertShows(assert, page, 'Esteetön sisäänkäynti, induktiosilmukka.')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('with JavaScript a stale form is not left unanswered: the server’s page about it opens', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    await createOccurrence(await createOffer(venue))
    const card = await issueCard(await createUser('distributor'))
    await browserContext.loginAs(venueUser)
    const page = await visit(urlFor('registrations.create'))
    await checked(page)
    // The form's token no longer matches the session, as after a long pause in another window.
    await page.evaluate(() => {
      document.querySelector<HTMLInputElement>('#box-office input[name=_csrf]')!.value = 'stale'
    })
    await page.getByLabel('Kortin koodi').fill(card.code)
    await submits(page, () => page.getByRole('button', { name: 'Kirjaa', exact: true }).click())
    await checked(page)
    await assertShows(assert, page, 'Lomake on vanhentunut')
    assert.isNull(await CardUse.findBy('card_code', card.code))
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('without JavaScript a refused card is the answer too, and the code field has focus', async ({
    browser,
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue)
    await createOccurrence(offer, { cardCap: 1 })
    const distributor = await createUser('distributor')
    const [first, second] = [await issueCard(distributor), await issueCard(distributor)]

    const context = await browser.newContext({ javaScriptEnabled: false })
    await context.loginAs(venueUser)
    const page = await context.newPage()
    await page.setViewportSize({ width: 320, height: 640 })
    await page.goto(new URL(urlFor('registrations.create'), env.get('APP_URL')).href)
    await checkedWithoutScripts(page)
    for (const card of [first, second]) {
      await page.getByLabel('Kortin koodi').fill(card.code)
      await submits(page, () => page.getByRole('button', { name: 'Kirjaa' }).click())
      await checkedWithoutScripts(page)
    }
    const answer = await page.getByRole('alert').innerText()
    assert.include(answer, `Kortti ${second.code} ei käy`)
    assert.include(answer, 'Tähän esitykseen ei ole enää korttipaikkoja.')
    assert.equal(await page.getByLabel('Kortin koodi').inputValue(), second.code)
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'code')
    await context.close()
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
