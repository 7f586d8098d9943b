/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Card from '#registry/models/card'
import { createUser, issueCard, PASSWORD } from '#tests/helpers/fixtures'
import { checked, checkedAtPhoneWidth, skipWithoutBrowser } from '#tests/helpers/browser'
import { formatCardCode } from '#registry/services/card_code'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { at, onRoute, pathOf } from '#tests/helpers/routes'

test.group("Browser: a distributor's day with a card", (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('sign in to the issue form; a mistake is refused and corrected; the card is registered and printed', async ({
    visit,
    assert,
  }) => {
    const distributor = await createUser('distributor')

    const page = await visit(urlFor('cards.create'))
    await checked(page)
    assert.equal(pathOf(page.url()), urlFor('session.create'))
    await page.getByLabel('Sähköpostiosoite').fill(distributor.email)
    await page.getByLabel('Salasana').fill(PASSWORD)
    await page.getByRole('button', { name: 'Kirjaudu' }).click()

    // Back where the user was going: the issue form.
    await page.waitForURL(at(urlFor('cards.create')))
    await checked(page)

    // A mistake first: the holder would be under 16. htmx checks the field on leaving it.
    await page.getByLabel('Syntymävuosi').fill(String(new Date().getFullYear() - 10))
    await page.keyboard.press('Tab')
    await page.locator('#birthYear-error').waitFor()
    // The message is also announced to screen readers once htmx has settled the swap.
    await page.waitForFunction(() =>
      document.getElementById('live-region')?.textContent?.includes('aikaisintaan sinä vuonna')
    )
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'postalCode')
    await checked(page)
    await page.getByLabel('Postinumero').fill('33100')
    await page.getByLabel('Kortinhaltija asuu jossakin näistä kunnista').check()
    await page.getByLabel('Kortinhaltija antaa suostumuksen tietojen tallentamiseen').check()
    await page.getByRole('button', { name: 'Rekisteröi kortti' }).click()
    await page.waitForURL(at(urlFor('cards.create')))
    await checked(page)
    assert.match(await page.title(), /^Virhe: /)
    assert.equal(
      await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary')),
      true
    )
    assert.include(await page.locator('#birthYear-error').innerText(), 'aikaisintaan sinä vuonna')
    assert.equal(await page.getByLabel('Postinumero').inputValue(), '33100')

    await page.getByRole('link', { name: /aikaisintaan sinä vuonna/ }).click()
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'birthYear')
    await page.getByLabel('Syntymävuosi').fill('1984')
    await page.getByLabel('Alle 18-vuotiaiden omien lasten').fill('2')
    await page.getByRole('checkbox', { name: 'suomi' }).check()
    await page.getByRole('radio', { name: '7', exact: true }).first().check()
    const consent = page.getByLabel('Kortinhaltija antaa suostumuksen tietojen tallentamiseen')
    if (!(await consent.isChecked())) await consent.check()
    await page.getByRole('button', { name: 'Rekisteröi kortti' }).click()

    await page.waitForURL(onRoute('cards.show'))
    await checked(page)
    const card = await Card.query()
      .where('issuing_organisation_id', distributor.organisationId!)
      .firstOrFail()
    assert.include(await page.locator('h1').innerText(), formatCardCode(card.code))
    assert.include(await page.locator('body').innerText(), 'Kortti on rekisteröity')

    await page.getByRole('link', { name: 'Tulosta kortti' }).click()
    await checked(page)
    assert.equal(await page.locator('.printable-card svg').count(), 2)
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('an issued card is extended and ended, the history shows both, and the language switches', async ({
    visit,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const page = await visit(urlFor('cards.show', { id: card.id }))
    await page.getByLabel('Sähköpostiosoite').fill(distributor.email)
    await page.getByLabel('Salasana').fill(PASSWORD)
    await page.getByRole('button', { name: 'Kirjaudu' }).click()
    await page.waitForURL(onRoute('cards.show'))
    await checked(page)

    await page.getByRole('link', { name: 'Jatka voimassaoloa' }).click()
    await checked(page)
    await page
      .getByRole('group', { name: /Kaikukortti on lisännyt hyvinvointiani/ })
      .getByRole('radio', { name: '9', exact: true })
      .check()
    await page.getByRole('button', { name: 'Jatka voimassaoloa' }).click()
    await page.waitForURL(onRoute('cards.show'))
    await checked(page)
    assert.include(await page.locator('body').innerText(), 'Kortin voimassaoloa on jatkettu.')

    await page.getByRole('link', { name: 'Päätä voimassaolo' }).click()
    await checked(page)
    await page.getByLabel('Kyllä, päätä kortin voimassaolo').check()
    await page.getByRole('button', { name: 'Päätä voimassaolo' }).click()
    await page.waitForURL(onRoute('cards.show'))
    await checked(page)
    assert.include(await page.locator('body').innerText(), 'Kortin voimassaolo on päätetty.')
    assert.equal((await Card.findOrFail(card.id)).status, 'ended')

    // The history shows who did what.
    const history = await page.locator('table').last().innerText()
    for (const entry of ['Rekisteröity', 'Voimassaoloa jatkettu', 'Voimassaolo päätetty'])
      assert.include(history, entry)

    await page.getByRole('button', { name: 'In English' }).click()
    await checked(page)
    assert.equal(await page.locator('html').getAttribute('lang'), 'en')
    await page.getByRole('link', { name: 'Cards', exact: true }).click()
    await checked(page)
    assert.equal(await page.locator('html').getAttribute('lang'), 'en')

    await page.getByRole('button', { name: 'På svenska' }).click()
    await checked(page)
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('pages reflow at 320 px; the skip link reaches the content by keyboard, and the issue form starts in its first field', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    await browserContext.loginAs(distributor)
    const card = await issueCard(distributor)
    for (const path of [
      urlFor('cards.index'),
      urlFor('cards.create'),
      urlFor('cards.show', { id: card.id }),
      urlFor('cards.print', { id: card.id }),
    ]) {
      const page = await visit(path)
      await checkedAtPhoneWidth(page)
      if (path === urlFor('cards.create')) {
        // The issue form opens with focus in its first field; Shift+Tab leads back up the page.
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'birthYear')
        continue
      }
      await page.keyboard.press('Tab')
      assert.equal(
        await page.evaluate(() => document.activeElement?.textContent),
        'Siirry sisältöön'
      )
      await page.keyboard.press('Enter')
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content')
    }
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the card search works as you type, and without JavaScript', async ({
    browser,
    browserContext,
    visit,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    await browserContext.loginAs(distributor)
    const cards = [await issueCard(distributor), await issueCard(distributor)]

    const page = await visit(urlFor('cards.index'))
    await checked(page)
    await page
      .getByLabel('Kortin koodi')
      .pressSequentially(cards[0].code.slice(0, 4), { delay: 30 })
    await page.waitForFunction(
      (code) => !document.querySelector('#card-results')!.textContent!.includes(code),
      formatCardCode(cards[1].code)
    )
    assert.include(await page.locator('#card-results').innerText(), formatCardCode(cards[0].code))
    await checked(page)
    await page.waitForFunction(() =>
      /kortti/.test(document.getElementById('live-region')?.textContent ?? '')
    )

    // Without JavaScript the same form is an ordinary search: type, send, see the results.
    const plain = await browser.newContext({ javaScriptEnabled: false })
    await plain.loginAs(distributor)
    const noScript = await plain.newPage()
    await noScript.goto(page.url().split('?')[0])
    await noScript.getByLabel('Kortin koodi').fill(cards[1].code.slice(0, 5))
    await Promise.all([
      noScript.waitForURL(/q=/),
      noScript.getByRole('button', { name: 'Hae' }).click(),
    ])
    // (axe needs scripts, so this page is checked with JavaScript on, above.)
    const results = await noScript.locator('#card-results').innerText()
    assert.include(results, formatCardCode(cards[1].code))
    assert.notInclude(results, formatCardCode(cards[0].code))
    await plain.close()
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
