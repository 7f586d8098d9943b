/// <reference lib="dom" />
import { test } from '@japa/runner'
import { today } from '#core/services/time'
import testUtils from '@adonisjs/core/services/test_utils'
import Organisation from '#registry/models/organisation'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'
import {
  assertShows,
  checked,
  checkedAtPhoneWidth,
  skipWithoutBrowser,
} from '#tests/helpers/browser'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { at, onRoute } from '#tests/helpers/routes'

test.group('Browser: administration', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('an area coordinator proposes an organisation and adds its user in their area', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { area, municipality } = await createArea()
    await createOrganisation('venue', area)
    const coordinator = await createUser('area_coordinator', { area })
    await browserContext.loginAs(coordinator)

    const page = await visit(urlFor('home.show'))
    await checked(page)
    await page.getByRole('link', { name: 'Alueet ja kunnat' }).first().click()
    await checked(page)
    await page.getByRole('link', { name: area.name }).click()
    await checked(page)
    await assertShows(assert, page, municipality.name)

    await page.getByRole('link', { name: 'Organisaatiot' }).first().click()
    await checked(page)
    await page.getByRole('link', { name: 'Ehdota uutta organisaatiota' }).click()
    await checked(page)
    await page.getByRole('button', { name: 'Lähetä ehdotus' }).click()
    await checked(page)
    assert.match(await page.title(), /^Virhe: /)
    await page.getByLabel(/^Nimi/).fill('Kirjasto Keskusta')
    await page.getByRole('radio', { name: 'Kaikukortti-kohde' }).check()
    await page.getByLabel('Kohteen luokka').selectOption({ label: 'Kirjasto' })
    await page.getByLabel('Kunta').selectOption({ index: 1 })
    await page.getByLabel('Yhteyshenkilön nimi').fill('Kirsi Kirjastolainen')
    await page.getByLabel('Yhteyshenkilön puhelinnumero').fill('040 123 4567')
    await page.getByRole('button', { name: 'Lähetä ehdotus' }).click()
    await page.waitForURL(onRoute('organisations.show'))
    const library = await Organisation.findByOrFail('name', 'Kirjasto Keskusta')
    await checked(page)
    await assertShows(assert, page, 'Ehdotus odottaa Kaikukeskuksen päätöstä.')
    assert.equal(library.areaId, area.id)
    assert.equal(library.approval, 'proposed')
    assert.equal(library.contactPhone, '+358401234567')

    await page.getByRole('link', { name: 'Käyttäjät' }).first().click()
    await checked(page)
    await page.getByRole('link', { name: 'Lisää käyttäjä' }).click()
    await checked(page)
    await page.getByLabel('Nimi').fill('Kirsi Kirjastolainen')
    await page.getByLabel('Sähköpostiosoite').fill('kirsi@example.fi')
    await page.getByRole('radio', { name: 'Kaikukortti-kohde' }).check()
    await page
      .getByLabel('Organisaatio')
      .selectOption({ label: 'Kirjasto Keskusta (Kaikukortti-kohde)' })
    await page.getByRole('button', { name: 'Lisää ja lähetä kutsu' }).click()
    await page.waitForURL(at(urlFor('users.index')))
    await checked(page)
    await assertShows(assert, page, 'kirsi@example.fi')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the national centre sees every area and the pages reflow at 320 px', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { area } = await createArea('pilot', today().plus({ months: 6 }))
    // A long name, as real ones are: the table still fits at 320 px.
    area.name = `Länsi-Uudenmaan hyvinvointialue ${area.name}`
    await area.save()
    const admin = await createUser('admin')
    await browserContext.loginAs(admin)
    const areas = await visit(urlFor('areas.index'))
    await assertShows(assert, areas, area.name, 'Kokeilussa')
    for (const path of [
      urlFor('areas.index'),
      urlFor('areas.create'),
      urlFor('organisations.index'),
      urlFor('organisations.create'),
      urlFor('users.index'),
      urlFor('users.create'),
      urlFor('password.edit'),
      urlFor('pages.accessibility'),
      '/nowhere', // no such route: the not-found page
    ]) {
      const page = await visit(path)
      await checkedAtPhoneWidth(page)
    }
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
