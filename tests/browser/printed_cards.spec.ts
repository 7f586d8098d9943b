/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { Page } from 'playwright'
import Card from '#registry/models/card'
import Organisation from '#registry/models/organisation'
import ReplacedCode from '#registry/models/replaced_code'
import {
  assertShows,
  checked,
  checkedAtPhoneWidth,
  htmxAnswers,
  openMenu,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import { createUser, PASSWORD } from '#tests/helpers/fixtures'
import { createPrintRun } from '#tests/helpers/print_fixtures'
import { createOccurrence, createOffer } from '#tests/helpers/offer_fixtures'
import { checkCharacter, formatCardCode } from '#registry/services/card_code'

/** Focuses a field by its label with Tab-free keyboard typing, as a scanner or a person types. */
async function typeInto(page: Page, label: string | RegExp, text: string) {
  await page.getByLabel(label).focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(text)
}

test.group('Browser: a box of printed cards at the distributor’s desk', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a scanner’s code + Enter checks the code and never sends the form; the card is registered, corrected and replaced, and the venue accepts the child', async ({
    visit,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const organisation = await Organisation.findOrFail(distributor.organisationId)
    const { codes } = await createPrintRun({ id: organisation.areaId! })

    const page = await visit(urlFor('cards.create'))
    await page.getByLabel('Sähköpostiosoite').fill(distributor.email)
    await page.getByLabel('Salasana').fill(PASSWORD)
    await page.getByRole('button', { name: 'Kirjaudu' }).click()
    await page.waitForURL(/\/cards\/new$/)
    await checkedAtPhoneWidth(page)
    assert.isTrue(await page.getByLabel(/Painettu Kaikukortti/).isChecked())

    // A misread code + Enter: refused next to the field, focus back on it, nothing sent.
    const data = codes[0].slice(0, 8)
    const wrongCheck = checkCharacter(data) === '0' ? '1' : '0'
    await typeInto(page, 'Painetun kortin koodi', data + wrongCheck)
    await page.keyboard.press('Enter')
    await page.locator('#code-error').waitFor()
    assert.include(await page.locator('#code-error').innerText(), 'viimeinen merkki ei täsmää')
    await page.waitForFunction(() => document.activeElement?.id === 'code')
    await page.waitForFunction(() =>
      document.getElementById('live-region')?.textContent?.includes('viimeinen merkki')
    )
    assert.match(page.url(), /\/cards\/new$/)
    await checked(page)

    // The scanner reads it right: code + Enter, and the form moves on to the card type.
    await typeInto(page, 'Painetun kortin koodi', formatCardCode(codes[0]))
    await page.keyboard.press('Enter')
    await page.locator('#code-ok').waitFor()
    assert.include(await page.locator('#code-ok').innerText(), formatCardCode(codes[0]))
    // Focus moves on once htmx has settled the answer.
    await page.waitForFunction(() => document.activeElement?.id === 'type')
    assert.equal(
      await Card.query()
        .count('* as total')
        .first()
        .then((r) => Number(r!.$extras.total)),
      0
    )
    await checkedAtPhoneWidth(page)

    await typeInto(page, 'Syntymävuosi', '1984')
    await typeInto(page, 'Postinumero', '33100')
    await page.getByLabel('Kortinhaltija asuu jossakin näistä kunnista').focus()
    await page.keyboard.press('Space')
    await typeInto(page, 'Alle 18-vuotiaiden omien lasten', '0')
    await page.getByLabel('Kortinhaltija antaa suostumuksen tietojen tallentamiseen').focus()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Rekisteröi kortti' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/cards\/\d+$/)
    await checked(page)
    const card = await Card.findByOrFail('code', codes[0])
    assert.include(await page.locator('h1').innerText(), formatCardCode(codes[0]))

    // A child is born: the children count is corrected.
    await page.getByRole('link', { name: 'Korjaa taustatietoja' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/correct$/)
    await checkedAtPhoneWidth(page)
    await typeInto(page, 'Alle 18-vuotiaiden omien lasten', '1')
    await page.getByRole('button', { name: 'Tallenna korjaukset' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/cards\/\d+$/)
    await checked(page)
    assert.equal((await Card.findOrFail(card.id)).childrenCount, 1)
    assert.include(await page.locator('table').last().innerText(), 'korjattu: lasten määrä')

    // The card is lost: it moves to another printed card of the box.
    await page.getByRole('link', { name: 'Kadonnut kortti: siirrä uudelle koodille' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/replace$/)
    await checkedAtPhoneWidth(page)
    await typeInto(page, 'Painetun kortin koodi', codes[1])
    await page.keyboard.press('Enter')
    await page.locator('#code-ok').waitFor()
    await page.waitForFunction(() => document.activeElement?.id === 'confirm')
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Siirrä uudelle koodille' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/cards\/\d+$/)
    await checked(page)
    assert.equal((await Card.findOrFail(card.id)).code, codes[1])
    assert.isNotNull(await ReplacedCode.findBy('old_code', codes[0]))
    await assertShows(assert, page, formatCardCode(codes[0]))

    // At the venue's box office: the new code brings the child born since; the old code is refused.
    const venueUser = await createUser('venue')
    const show = await createOccurrence(
      await createOffer(await Organisation.findOrFail(venueUser.organisationId))
    )
    await openMenu(page)
    await submits(page, () => page.getByRole('button', { name: 'Kirjaudu ulos' }).click())
    await page.goto(
      urlFor('registrations.create', undefined, { qs: { choice: `occurrence-${show.id}` } })
    )
    await page.getByLabel('Sähköpostiosoite').fill(venueUser.email)
    await page.getByLabel('Salasana').fill(PASSWORD)
    await submits(page, () => page.getByRole('button', { name: 'Kirjaudu' }).click())
    await checkedAtPhoneWidth(page)
    await typeInto(page, 'Kortin koodi', codes[0])
    await htmxAnswers(page, () => page.keyboard.press('Enter'))
    assert.include(await page.getByRole('alert').innerText(), 'korvattu uudella kortilla')
    await checked(page)
    await typeInto(page, 'Lapset', '1')
    await typeInto(page, 'Kortin koodi', codes[1])
    await htmxAnswers(page, () => page.keyboard.press('Enter'))
    assert.include(
      await page.locator('.notice--success').innerText(),
      `Kirjattu: kortti ${formatCardCode(codes[1])}`
    )
    assert.include(await page.locator('.notice--success').innerText(), '1 lapsi')
    await checked(page)
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
