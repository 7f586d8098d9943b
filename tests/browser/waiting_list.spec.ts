/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Page } from 'playwright'
import testUtils from '@adonisjs/core/services/test_utils'
import { signedUrlFor, urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import WaitingListEntry from '#usage/models/waiting_list_entry'
import CardUse from '#usage/models/card_use'
import UseChanges from '#usage/services/use_changes'
import { formatCardCode } from '#registry/services/card_code'
import { createUser, issueCard, PASSWORD } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder, HOLDER_PASSWORD } from '#tests/helpers/holder'
import { optIn } from '#tests/helpers/messaging'
import {
  assertShows,
  checkedAtPhoneWidth,
  htmxAnswers,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import { at, onRoute } from '#tests/helpers/routes'

/** Keyboard only: type into the field, or reach a control and press Enter. */
async function typeInto(page: Page, label: string, text: string) {
  await page.getByLabel(label).focus()
  await page.keyboard.type(text)
}
async function pressEnterOn(page: Page, locator: ReturnType<Page['locator']>) {
  await locator.focus()
  await submits(page, () => page.keyboard.press('Enter'))
}

async function signIn(page: Page, email: string, password: string) {
  await typeInto(page, 'Sähköpostiosoite', email)
  await typeInto(page, 'Salasana', password)
  await submits(page, () => page.keyboard.press('Enter'))
}

/** A published show with one card place, taken. */
async function fullShow() {
  const venueUser = await createUser('venue')
  const venue = await Organisation.findOrFail(venueUser.organisationId)
  const offer = await createOffer(venue, { title: 'Lumikuningatar', published: true })
  const occurrence = await createOccurrence(offer, { capacity: 100, cardCap: 1 })
  const distributor = await createUser('distributor')
  const ticket = await recordUse((await issueCard(distributor)).code, offer, occurrence)
  return { venueUser, offer, occurrence, distributor, ticket }
}

test.group('Browser: the waiting list, keyboard only at 320 px', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('the box office puts a card on a full show’s list, and the roster shows it', async ({
    visit,
    assert,
  }) => {
    const world = await fullShow()
    const card = await issueCard(world.distributor, { childrenCount: 0 })
    const choice = `occurrence-${world.occurrence.id}`
    const page = await visit(urlFor('registrations.create', undefined, { qs: { choice } }))
    await page.setViewportSize({ width: 320, height: 640 })
    await signIn(page, world.venueUser.email, PASSWORD)
    await page.waitForURL(at(urlFor('registrations.create'), { choice }))
    await checkedAtPhoneWidth(page)

    await typeInto(page, 'Kortin koodi', card.code)
    await htmxAnswers(page, () => page.keyboard.press('Enter'))
    await checkedAtPhoneWidth(page)
    const join = page.getByRole('button', { name: /Lisää jonotuslistalle/ })
    await pressEnterOn(page, join)
    await checkedAtPhoneWidth(page)
    await assertShows(
      assert,
      page,
      `Kortti ${formatCardCode(card.code)} on jonotuslistalla. Sen paikka jonossa: 1.`
    )

    await page.goto(urlFor('rosters.show', { id: world.occurrence.id }))
    await checkedAtPhoneWidth(page)
    assert.include(
      await page.locator('#waiting-list + table').innerText(),
      formatCardCode(card.code)
    )
  })
    .skip(skipWithoutBrowser, 'Chromium is not installed')
    .timeout(90_000)

  test('a distributor chooses a full show for a card', async ({ visit, assert }) => {
    const world = await fullShow()
    const card = await issueCard(world.distributor, { childrenCount: 0 })
    const page = await visit(urlFor('cards.show', { id: card.id }))
    await page.setViewportSize({ width: 320, height: 640 })
    await signIn(page, world.distributor.email, PASSWORD)
    await page.waitForURL(onRoute('cards.show'))
    await checkedAtPhoneWidth(page)

    await pressEnterOn(page, page.getByRole('link', { name: 'Lisää kortti jonotuslistalle' }))
    await checkedAtPhoneWidth(page)
    // Without a show: the error next to the field, then the choice by keyboard.
    await pressEnterOn(page, page.getByRole('button', { name: 'Lisää jonotuslistalle' }))
    await checkedAtPhoneWidth(page)
    assert.match(await page.title(), /^Virhe: /)
    await page.getByLabel('Esitys').focus()
    await page.keyboard.press('ArrowDown')
    await pressEnterOn(page, page.getByRole('button', { name: 'Lisää jonotuslistalle' }))
    await checkedAtPhoneWidth(page)
    await assertShows(assert, page, 'Sen paikka jonossa: 1.')
    assert.lengthOf(await WaitingListEntry.query().where('card_code', card.code), 1)
  })
    .skip(skipWithoutBrowser, 'Chromium is not installed')
    .timeout(90_000)

  test('in OmaKaiku the holder joins, sees the place, and takes the freed place', async ({
    visit,
    assert,
  }) => {
    const world = await fullShow()
    const card = await issueCard(world.distributor, { childrenCount: 0 })
    const account = await createHolder(card)
    await optIn(account, ['ticketReminders'], ['byEmail'])
    const page = await visit(urlFor('holder_session.create'))
    await page.setViewportSize({ width: 320, height: 640 })
    await signIn(page, account.email, HOLDER_PASSWORD)
    await page.goto(urlFor('holder_offers.show', { id: world.offer.id }))
    await checkedAtPhoneWidth(page)

    await pressEnterOn(page, page.getByRole('button', { name: /Liity jonotuslistalle/ }))
    await page.waitForURL(at(urlFor('holder_waiting_lists.index')))
    await checkedAtPhoneWidth(page)
    await assertShows(assert, page, 'Paikkasi jonossa: 1')

    await new UseChanges().cancelByVenue(world.ticket)
    // The e-mail's answer button opens the offer without signing in.
    const entry = await WaitingListEntry.findByOrFail('card_code', card.code)
    await page.goto(signedUrlFor('waiting_offer.show', { entry: entry.id }))
    await checkedAtPhoneWidth(page)
    await assertShows(assert, page, 'Lumikuningatar')
    await page.goto(urlFor('holder_waiting_lists.index'))
    await checkedAtPhoneWidth(page)
    await pressEnterOn(page, page.getByRole('button', { name: 'Kyllä, tulen' }))
    await page.waitForURL(at(urlFor('my_events.index')))
    await checkedAtPhoneWidth(page)
    await assertShows(assert, page, 'Paikka on sinun')
    assert.lengthOf(
      await CardUse.query().where('card_code', card.code).where('status', 'registered'),
      1
    )
  })
    .skip(skipWithoutBrowser, 'Chromium is not installed')
    .timeout(90_000)
})
