/// <reference lib="dom" />
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import app from '@adonisjs/core/services/app'
import PrintRun from '#registry/models/print_run'
import { createArea, createUser } from '#tests/helpers/fixtures'
import {
  assertShows,
  checkedAtPhoneWidth,
  openMenu,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'

const run = promisify(execFile)

test.group('Browser: print runs', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a coordinator orders a run at 320 px with the keyboard, watches it finish, downloads the PDF and cancels it', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    await browserContext.loginAs(coordinator)

    const page = await visit(urlFor('home.show'))
    await checkedAtPhoneWidth(page)
    await openMenu(page)
    await submits(page, () => page.getByRole('link', { name: 'Korttipainatukset' }).first().click())
    await checkedAtPhoneWidth(page)
    await submits(page, () => page.getByRole('link', { name: 'Tilaa korttipainatus' }).click())
    await checkedAtPhoneWidth(page)

    // Sent empty: the error is next to the field and the title says so.
    await page.getByLabel('Korttien määrä').focus()
    await submits(page, () => page.keyboard.press('Enter'))
    await checkedAtPhoneWidth(page)
    assert.match(await page.title(), /^Virhe: /)
    assert.include(await page.locator('#quantity-error').innerText(), 'Kirjoita korttien määrä.')

    await page.getByRole('radio', { name: 'Yhteisön Kaikukortti' }).focus()
    await page.keyboard.press('Space')
    await page.getByLabel('Korttien määrä').focus()
    await page.keyboard.type('30')
    await submits(page, () => page.keyboard.press('Enter'))
    await page.getByText('Kaikki 30 koodia on varattu').waitFor({ timeout: 20_000 })
    await checkedAtPhoneWidth(page)
    const ordered = await PrintRun.query().where('area_id', area.id).firstOrFail()
    assert.equal(ordered.cardType, 'community')
    assert.equal(ordered.codesDone, 30)

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /A4-arkit/ }).click(),
    ])
    const file = app.makePath('tmp/test', `browser-print-${ordered.id}.pdf`)
    await download.saveAs(file)
    const { stdout } = await run('pdfinfo', [file])
    assert.match(stdout, /Pages:\s+3\n/)

    await submits(page, () => page.getByRole('link', { name: 'Peru painatus' }).click())
    await checkedAtPhoneWidth(page)
    await submits(page, () => page.getByRole('button', { name: 'Peru painatus' }).click())
    await checkedAtPhoneWidth(page)
    await assertShows(assert, page, 'Painatus on peruttu.')
    assert.equal((await PrintRun.findOrFail(ordered.id)).status, 'cancelled')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
