/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import User from '#registry/models/user'
import { createArea, createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import {
  assertShows,
  checked,
  checkedAtPhoneWidth,
  checkedWithoutScripts,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import { refreshSummaries } from '#stats/services/summary_refresh'
import { at, onRoute } from '#tests/helpers/routes'
import env from '#start/env'

const address = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

/*
| Running the network (issue 21) in a browser: the coordinator's third-sector
| notice and a new distributor's category, the area's responsible people by
| side, the distributors' comparison by category; at 320 px and with axe,
| and the forms without JavaScript.
*/
test.group('Browser: distributor categories and responsible people', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a coordinator sees the missing third sector, proposes an NGO distributor with its category, and the notice is gone once it is approved', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    coordinator.coordinatorSide = 'welfare'
    await coordinator.save()
    await browserContext.loginAs(coordinator)

    const home = await visit(urlFor('home.show'))
    await checkedAtPhoneWidth(home)
    await assertShows(assert, home, 'Alueellasi ei ole kolmannen sektorin kortinjakajaa.')
    await submits(home, () =>
      home.getByRole('link', { name: 'Katso alueen kortinjakajat' }).click()
    )
    await checked(home)
    assert.equal(await home.getByLabel('Tyyppi').inputValue(), 'distributor')

    await submits(home, () =>
      home.getByRole('link', { name: 'Ehdota uutta organisaatiota' }).click()
    )
    await home.getByLabel(/^Nimi/).fill('Nuorten Ystävät ry')
    await home.getByRole('radio', { name: 'Kortinjakaja' }).check()
    await home.getByLabel('Kunta').selectOption({ index: 1 })
    await submits(home, () => home.getByRole('button', { name: 'Lähetä ehdotus' }).click())
    await checkedAtPhoneWidth(home)
    assert.match(await home.title(), /^Virhe: /)
    assert.match(
      await home.locator('#distributorCategory-error').innerText(),
      /Valitse kortinjakajan luokka\.$/
    )
    assert.equal(await home.getByLabel(/^Nimi/).inputValue(), 'Nuorten Ystävät ry')
    await home.getByLabel('Jakajan luokka').selectOption({ label: 'Järjestö tai yhdistys' })
    await submits(home, () => home.getByRole('button', { name: 'Lähetä ehdotus' }).click())
    await home.waitForURL(onRoute('organisations.show'))
    await checked(home)
    await assertShows(assert, home, 'Järjestö tai yhdistys')

    // A proposal is not yet in the network: the notice stays until the national centre approves.
    const waiting = await visit(urlFor('home.show'))
    await assertShows(assert, waiting, 'kolmannen sektorin')
    await Organisation.query().where('name', 'Nuorten Ystävät ry').update({ approval: 'approved' })
    const after = await visit(urlFor('home.show'))
    await checked(after)
    assert.notInclude(await after.locator('main').innerText(), 'kolmannen sektorin')

    // The area page: the welfare side is this coordinator, the culture side is missing.
    const areaPage = await visit(urlFor('areas.show', { id: area.id }))
    await checkedAtPhoneWidth(areaPage)
    const responsibles = await assertShows(
      assert,
      areaPage,
      'Alueella on kolmannen sektorin kortinjakaja.'
    )
    assert.match(
      responsibles,
      new RegExp(`Sote-puoli \\(kortinjakajat\\)\\s+${coordinator.fullName}`)
    )
    assert.match(responsibles, /Kulttuuripuoli \(kohteet\)\s+Puuttuu/)
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the national centre gives a coordinator a side without JavaScript and sees the areas at 320 px; a distributor reads its category comparison', async ({
    browser,
    browserContext,
    visit,
    assert,
  }) => {
    const { area } = await createArea()
    const admin = await createUser('admin')
    const coordinator = await createUser('area_coordinator', { area })

    // The staff user form, as an ordinary form.
    const plain = await browser.newContext({ javaScriptEnabled: false })
    await plain.loginAs(admin)
    const form = await plain.newPage()
    await form.goto(address(urlFor('users.edit', { id: coordinator.id })))
    await submits(form, () => form.getByRole('button', { name: 'Tallenna' }).click())
    assert.isTrue(at(urlFor('users.edit', { id: coordinator.id }))(form.url()), form.url())
    await assertShows(assert, form, 'Valitse, kummasta puolesta vastuuhenkilö vastaa.')
    await checkedWithoutScripts(form)
    await form.getByRole('radio', { name: 'Kulttuuripuoli' }).check()
    await submits(form, () => form.getByRole('button', { name: 'Tallenna' }).click())
    assert.isTrue(at(urlFor('users.index'))(form.url()), form.url())
    await assertShows(assert, form, 'Alueen vastuuhenkilö – Kulttuuripuoli')
    await checkedWithoutScripts(form)
    assert.equal((await User.findOrFail(coordinator.id)).coordinatorSide, 'culture')
    await plain.close()

    await browserContext.loginAs(admin)
    const edit = await visit(urlFor('users.edit', { id: coordinator.id }))
    await checkedAtPhoneWidth(edit)
    const areas = await visit(urlFor('areas.index'))
    await checkedAtPhoneWidth(areas)
    const row = await areas.getByRole('row').filter({ hasText: area.name }).innerText()
    assert.match(row, /Kulttuuri: Nimetty\s+Sote: Puuttuu/)
    assert.match(row, /Puuttuu\s*$/)

    // A distributor's comparison with its own category.
    const own = await createOrganisation('distributor', area)
    own.distributorCategory = 'outreach_youth_work'
    await own.save()
    const distributor = await createUser('distributor', { organisation: own })
    await issueCard(distributor)
    for (let peer = 0; peer < 3; peer++) {
      const other = await createOrganisation('distributor')
      await Organisation.query()
        .where('id', other.id)
        .update({ distributor_category: 'outreach_youth_work' })
      await issueCard(await createUser('distributor', { organisation: other }))
    }
    await refreshSummaries({ full: true })
    await browserContext.clearCookies()
    await browserContext.loginAs(distributor)
    const stats = await visit(
      urlFor('dashboards.show', { dashboard: 'distributor', section: 'comparison' })
    )
    await checkedAtPhoneWidth(stats)
    await assertShows(assert, stats, 'Saman luokan jakajat koko maassa: Etsivä nuorisotyö')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
