/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Campaign from '#messaging/models/campaign'
import OutboxMessage from '#messaging/models/outbox_message'
import { createArea, createUser, issueCard } from '#tests/helpers/fixtures'
import {
  assertShows,
  checkedAtPhoneWidth,
  checkedWithoutScripts,
  openMenu,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import { createHolder } from '#tests/helpers/holder'
import { optIn } from '#tests/helpers/messaging'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { at } from '#tests/helpers/routes'
import env from '#start/env'

/** A page's full address on the test server, for a context made without `visit`. */
const address = (path: string) => new URL(path, env.get('APP_URL')).href

test.group('Browser: announcements to cardholders', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    fakeSmtp.inbox = []
    fakeTwilio.reset()
  })

  test("a coordinator writes to the area's cardholders without JavaScript on a phone, sees the reach count and sends once", async ({
    browser,
    assert,
  }) => {
    const here = await createArea()
    const elsewhere = await createArea()
    const coordinator = await createUser('area_coordinator', { area: here.area })
    const distributor = await createUser('distributor')
    const holder = async (municipalityId: number, phone: string | null = null) =>
      createHolder(await issueCard(distributor), { municipalityId, phone })
    await optIn(await holder(here.municipality.id), ['announcements'], ['byEmail'])
    await optIn(await holder(here.municipality.id, '+358401115555'), ['announcements'], ['bySms'])
    // Not counted: a holder of the area who chose only venue news, and one of another area.
    await optIn(await holder(here.municipality.id), ['venueNews'], ['byEmail'])
    await optIn(await holder(elsewhere.municipality.id), ['announcements'], ['byEmail'])

    const context = await browser.newContext({ javaScriptEnabled: false })
    await context.loginAs(coordinator)
    const page = await context.newPage()
    await page.setViewportSize({ width: 320, height: 640 })
    const checked = () => checkedWithoutScripts(page)
    await page.goto(address(urlFor('home.show')))
    await checked()
    await openMenu(page)
    await submits(page, () =>
      page.getByRole('link', { name: 'Viestit kortinhaltijoille', exact: true }).click()
    )
    assert.isTrue(at(urlFor('campaigns.index'))(new URL(page.url())))
    await checked()
    await submits(page, () => page.getByRole('link', { name: 'Kirjoita uusi viesti' }).click())
    await checked()

    // The coordinator's one audience: the cardholders of their own area, already chosen.
    const ownArea = page.getByRole('radio', { name: `Alueemme kortinhaltijat: ${here.area.name}` })
    assert.isTrue(await ownArea.isChecked())
    assert.equal(
      await page
        .getByRole('group', { name: /^Kenelle\?/ })
        .getByRole('radio')
        .count(),
      1
    )

    await page
      .getByLabel('Viesti suomeksi')
      .fill('Kaikukortin syysilta on kirjastossa torstaina. Tervetuloa!')
    await page
      .getByLabel('Viesti englanniksi')
      .fill('The Kaikukortti autumn evening is at the library on Thursday.')
    await submits(page, () => page.getByRole('button', { name: 'Esikatsele' }).click())
    await checked()
    const preview = await page.locator('.preview').innerText()
    assert.include(preview, 'Viesti tavoittaa nyt 2 kortinhaltijaa')
    assert.include(preview, 'Kaikukortin tiedote')
    assert.include(preview, 'autumn evening')

    await submits(page, () => page.getByRole('button', { name: 'Lähetä viesti' }).click())
    await checked()
    assert.isTrue(at(urlFor('campaigns.index'))(new URL(page.url())))
    await assertShows(
      assert,
      page,
      'Se menee 2 kortinhaltijalle',
      `Alueen kortinhaltijat: ${here.area.name}`
    )
    assert.lengthOf(await Campaign.all(), 1)
    assert.lengthOf(await OutboxMessage.all(), 2, 'one e-mail and one SMS')

    // Back in history and sent again: the same form's key sends nothing more.
    await page.goBack()
    await submits(page, () => page.getByRole('button', { name: 'Lähetä viesti' }).click())
    await checked()
    assert.lengthOf(await Campaign.all(), 1)
    assert.lengthOf(await OutboxMessage.all(), 2)

    // The compose page in Swedish and English.
    await page.goto(address(urlFor('campaigns.create')))
    await submits(page, () => page.getByRole('button', { name: 'På svenska' }).click())
    await checked()
    assert.equal(await page.locator('h1').innerText(), 'Nytt meddelande till kortinnehavare')
    await assertShows(assert, page, `Kortinnehavarna i vårt område: ${here.area.name}`)
    await submits(page, () => page.getByRole('button', { name: 'In English' }).click())
    await checked()
    await assertShows(assert, page, `Cardholders of our area: ${here.area.name}`)
    await context.close()
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the national centre chooses an area or the whole country and the count follows (htmx)', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const first = await createArea()
    const second = await createArea()
    const distributor = await createUser('distributor')
    for (const { municipality } of [first, second, second]) {
      const account = await createHolder(await issueCard(distributor), {
        municipalityId: municipality.id,
      })
      await optIn(account, ['announcements'], ['byEmail'])
    }
    await browserContext.loginAs(await createUser('admin'))
    const page = await visit(urlFor('campaigns.create'))
    await checkedAtPhoneWidth(page)
    const reach = page.locator('#reach')

    await page.getByRole('radio', { name: 'Alueen kortinhaltijat' }).check()
    await page.getByLabel('Alue', { exact: true }).selectOption({ label: second.area.name })
    await reach.getByText('Viesti tavoittaa nyt 2 kortinhaltijaa').waitFor()
    await page.getByLabel('Alue', { exact: true }).selectOption({ label: first.area.name })
    await reach.getByText('Viesti tavoittaa nyt 1 kortinhaltijan').waitFor()
    await page.getByRole('radio', { name: 'Kaikki kortinhaltijat koko maassa' }).check()
    await reach.getByText('Viesti tavoittaa nyt 3 kortinhaltijaa').waitFor()
    await checkedAtPhoneWidth(page)

    await page.getByLabel('Viesti suomeksi').fill('Kaikukortti on nyt käytössä uusilla alueilla.')
    await submits(page, () => page.getByRole('button', { name: 'Lähetä viesti' }).click())
    await checkedAtPhoneWidth(page)
    await assertShows(assert, page, 'Se menee 3 kortinhaltijalle')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
