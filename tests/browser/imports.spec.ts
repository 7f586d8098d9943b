/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import { createArea, createUser } from '#tests/helpers/fixtures'
import { csv, importFile } from '#tests/helpers/imports'
import { checked, checkedAtPhoneWidth, skipWithoutBrowser, submits } from '#tests/helpers/browser'

const HEADER = ['id', 'name', 'type', 'area', 'municipality', 'category']

test.group('Browser: importing the old register', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('the national centre uploads a file with errors, reads the check, uploads the corrected file and follows the import to the end', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area, municipality } = await createArea()
    const rows = (typeOfSecond: string) => [
      ['K-1', 'Kulttuurikeskus Kaiku', 'kohde', area.name, municipality.name, 'theatre'],
      ['K-2', 'Perhekeskus Pilke', typeOfSecond, area.name, municipality.name, ''],
      ['K-3', 'Nuorten työpaja', 'jakaja', area.name, municipality.name, ''],
    ]
    const withErrors = await importFile('organisaatiot.csv', csv(HEADER, ...rows('perhe')))
    const corrected = await importFile('organisaatiot.csv', csv(HEADER, ...rows('jakaja')))
    await browserContext.loginAs(admin)

    const page = await visit(urlFor('home.show'))
    await submits(page, () => page.getByRole('link', { name: 'Tuonti' }).first().click())
    await checkedAtPhoneWidth(page)

    await page.getByLabel('Mitä tiedosto sisältää').selectOption('organisations')
    await page.getByLabel(/^Tiedosto/).setInputFiles(withErrors)
    await submits(page, () => page.getByRole('button', { name: 'Tarkista tiedosto' }).click())
    await page.getByText('Tiedostossa on 1 hylätty rivi').waitFor({ timeout: 20_000 })
    await checkedAtPhoneWidth(page)
    const refusal = page.getByRole('table', { name: 'Hylätyt rivit' }).getByRole('row').nth(1)
    assert.include(await refusal.innerText(), '3')
    assert.include(await refusal.innerText(), 'type')
    assert.lengthOf(await Organisation.query().where('area_id', area.id), 0)

    await submits(page, () =>
      page.getByRole('link', { name: 'Tarkista korjattu tiedosto' }).click()
    )
    await checked(page)
    await page.getByLabel('Mitä tiedosto sisältää').selectOption('organisations')
    await page.getByLabel(/^Tiedosto/).setInputFiles(corrected)
    await submits(page, () => page.getByRole('button', { name: 'Tarkista tiedosto' }).click())
    await page.getByText('Tiedosto on kunnossa').waitFor({ timeout: 20_000 })
    await checkedAtPhoneWidth(page)

    await submits(page, () => page.getByRole('button', { name: 'Tuo 3 riviä' }).click())
    await page.getByText('Tiedosto on tuotu.').waitFor({ timeout: 20_000 })
    await checkedAtPhoneWidth(page)
    const imported = await Organisation.query().where('area_id', area.id).orderBy('name')
    assert.deepEqual(
      imported.map((organisation) => [organisation.name, organisation.type]),
      [
        ['Kulttuurikeskus Kaiku', 'venue'],
        ['Nuorten työpaja', 'distributor'],
        ['Perhekeskus Pilke', 'distributor'],
      ]
    )
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
