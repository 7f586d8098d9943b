/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import { createArea, createUser } from '#tests/helpers/fixtures'
import {
  assertShows,
  checkedAtPhoneWidth,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'

/*
| A coordinator proposes an organisation and the national centre approves it
| (docs/NETWORK.md), done without JavaScript; every page on the way is also
| opened with JavaScript (axe needs it) at 320 px and checked.
*/
/** The app as the browser reaches it (the test server's address, as tests/bootstrap.ts gives it). */
const baseURL = `http://${env.get('HOST')}:${env.get('PORT')}`

test.group('Browser: proposal and approval of an organisation', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a coordinator proposes a distributor and the national centre approves it, without JavaScript', async ({
    browser,
    browserContext,
    visit,
    assert,
  }) => {
    const { area, municipality } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const admin = await createUser('admin')

    /** The page at this address as the user sees it with JavaScript: axe at 320 px. */
    const checkAs = async (user: typeof admin, url: string) => {
      await browserContext.clearCookies()
      await browserContext.loginAs(user)
      const page = await visit(url)
      await checkedAtPhoneWidth(page)
      await page.close()
    }

    // The coordinator, without JavaScript.
    const coordinatorContext = await browser.newContext({ javaScriptEnabled: false, baseURL })
    await coordinatorContext.loginAs(coordinator)
    const page = await coordinatorContext.newPage()
    await page.goto(urlFor('organisations.index'))
    await checkAs(coordinator, page.url())
    await submits(page, () =>
      page.getByRole('link', { name: 'Ehdota uutta organisaatiota' }).click()
    )
    await checkAs(coordinator, page.url())
    await assertShows(
      assert,
      page,
      'Organisaation käyttäjät voivat kirjautua vasta, kun ehdotus on hyväksytty.'
    )
    await page.getByRole('textbox', { name: 'Nimi (pakollinen)' }).fill('Selaimen perhekeskus')
    await page.getByLabel('Kortinjakaja', { exact: true }).check()
    await page.getByLabel('Kunta', { exact: true }).selectOption(String(municipality.id))
    await page.getByLabel('Jakajan luokka').selectOption({ label: 'Perhetyö ja perhepalvelut' })
    await page.getByLabel('Allekirjoitettu').fill('20.11.2026')
    await submits(page, () => page.getByRole('button', { name: 'Lähetä ehdotus' }).click())
    assert.match(page.url(), /\/organisations\/\d+$/)
    await assertShows(
      assert,
      page,
      'Ehdotus on lähetetty Kaikukeskukselle.',
      'Ehdotettu, odottaa Kaikukeskusta'
    )
    const proposalUrl = page.url()
    await checkAs(coordinator, proposalUrl)
    const proposal = await Organisation.findByOrFail('name', 'Selaimen perhekeskus')
    assert.equal(proposal.approval, 'proposed')
    await coordinatorContext.close()

    // The national centre, without JavaScript: from its home page to the proposal.
    const adminContext = await browser.newContext({ javaScriptEnabled: false, baseURL })
    await adminContext.loginAs(admin)
    const decision = await adminContext.newPage()
    await decision.goto(urlFor('home.show'))
    await checkAs(admin, decision.url())
    await submits(decision, () =>
      decision.getByRole('link', { name: /odottaa päätöstäsi/ }).click()
    )
    await checkAs(admin, decision.url())
    await submits(decision, () =>
      decision.getByRole('link', { name: 'Selaimen perhekeskus' }).click()
    )
    await checkAs(admin, decision.url())

    // Declining without a reason is refused next to the field.
    await decision.getByRole('radio', { name: 'Hylkää' }).check()
    await submits(decision, () => decision.getByRole('button', { name: 'Tallenna päätös' }).click())
    assert.include(await decision.locator('#reason-error').innerText(), 'Kirjoita hylkäämisen syy.')
    assert.match(await decision.title(), /^Virhe: /)
    assert.equal((await Organisation.findOrFail(proposal.id)).approval, 'proposed')

    await decision.getByLabel('Hyväksy: organisaatio tulee mukaan verkostoon').check()
    await submits(decision, () => decision.getByRole('button', { name: 'Tallenna päätös' }).click())
    const approved = await assertShows(assert, decision, 'Ehdotus on hyväksytty.', 'Hyväksytty')
    assert.notInclude(approved, 'Tallenna päätös')
    await checkAs(admin, decision.url())
    assert.equal((await Organisation.findOrFail(proposal.id)).approval, 'approved')
    await adminContext.close()

    // The refused decline, as seen with JavaScript: the error page passes axe at 320 px too.
    await Organisation.query().where('id', proposal.id).update({ approval: 'proposed' })
    await browserContext.clearCookies()
    await browserContext.loginAs(admin)
    const withScript = await visit(proposalUrl)
    await withScript.getByRole('radio', { name: 'Hylkää' }).check()
    await submits(withScript, () =>
      withScript.getByRole('button', { name: 'Tallenna päätös' }).click()
    )
    await checkedAtPhoneWidth(withScript)
    assert.include(
      await withScript.locator('#reason-error').innerText(),
      'Kirjoita hylkäämisen syy.'
    )
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
