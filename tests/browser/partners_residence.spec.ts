/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Card from '#registry/models/card'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'
import {
  assertShows,
  checked,
  checkedAtPhoneWidth,
  skipWithoutBrowser,
} from '#tests/helpers/browser'
import { replacePostalCodes } from '#registry/services/area_postal_codes'
import { formatCardCode } from '#registry/services/card_code'

test.group('Browser: residence and partner organisations', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a postal code outside the area is asked about and confirmed, by keyboard', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { area, municipality } = await createArea()
    await replacePostalCodes(area.id, ['33100'])
    const distributor = await createUser('distributor', {
      organisation: await createOrganisation('distributor', area),
    })
    await browserContext.loginAs(distributor)

    const page = await visit(urlFor('cards.create'))
    await checkedAtPhoneWidth(page)
    await assertShows(assert, page, municipality.name)
    await page.getByLabel('Syntymävuosi').fill('1980')
    await page.getByLabel('Postinumero').fill('00100')
    await page.getByLabel('Kortinhaltija asuu jossakin näistä kunnista').check()
    await page.getByLabel('Kortinhaltija antaa suostumuksen tietojen tallentamiseen').check()
    await page.getByRole('button', { name: 'Rekisteröi kortti' }).click()
    await page.waitForURL(/\/cards\/new$/)
    await checked(page)
    assert.include(
      await page.locator('#postalCodeConfirmed-error').innerText(),
      '00100 ei ole alueen postinumeroita'
    )
    assert.equal(await page.locator('#postalCode').inputValue(), '00100')

    await page.getByLabel('Kyllä, kortinhaltija asuu alueella').focus()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Rekisteröi kortti' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/cards\/\d+$/)
    const card = await Card.findByOrFail('issuing_organisation_id', distributor.organisationId)
    assert.equal(card.postalCode, '00100')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the coordinator edits postal codes and gives a partner a community card; the partner sees it', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const partner = await createOrganisation('partner', area)
    await browserContext.loginAs(coordinator)

    const codes = await visit(urlFor('area_postal_codes.edit', { id: area.id }))
    await checkedAtPhoneWidth(codes)
    await codes.getByLabel('Postinumerot').fill('33100 33200')
    await codes.getByRole('button', { name: 'Tallenna' }).click()
    await codes.waitForURL(/\/areas\/\d+$/)
    await checked(codes)

    const organisation = await visit(urlFor('organisations.show', { id: partner.id }))
    await checkedAtPhoneWidth(organisation)
    await organisation.getByRole('link', { name: 'Anna yhteisön kortti' }).click()
    await checked(organisation)
    await organisation.getByRole('button', { name: 'Anna yhteisön kortti' }).click()
    await organisation.waitForURL(/\/organisations\/\d+$/)
    await checked(organisation)
    const card = await Card.findByOrFail('issuing_organisation_id', partner.id)
    await assertShows(assert, organisation, formatCardCode(card.code))

    await organisation.getByRole('link', { name: `Jatka ${formatCardCode(card.code)}` }).click()
    await checkedAtPhoneWidth(organisation)
    await organisation.getByLabel('Kyllä, jatka kortin voimassaoloa').check()
    await organisation.getByRole('button', { name: 'Jatka voimassaoloa' }).click()
    await organisation.waitForURL(/\/organisations\/\d+$/)
    await checked(organisation)

    await browserContext.clearCookies()
    await browserContext.loginAs(await createUser('partner', { organisation: partner }))
    const own = await visit(urlFor('partner_cards.index'))
    await checkedAtPhoneWidth(own)
    await assertShows(assert, own, formatCardCode(card.code))
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
