/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import Post from '#bulletin/models/post'
import BulletinMailer from '#bulletin/services/bulletin_mailer'
import { createArea, createOrganisation, createUser, PASSWORD } from '#tests/helpers/fixtures'
import {
  assertShows,
  checked,
  checkedAtPhoneWidth,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { at } from '#tests/helpers/routes'

async function signIn(page: Page, email: string) {
  await page.getByLabel('Sähköpostiosoite').fill(email)
  await page.getByLabel('Salasana').fill(PASSWORD)
  await submits(page, () => page.getByRole('button', { name: 'Kirjaudu' }).click())
}

test.group('Browser: the bulletin board', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test("a venue posts to the area's distributors; a distributor sees it unread, reads it and replies", async ({
    visit,
    browserContext,
    assert,
  }) => {
    const { area } = await createArea()
    const venueUser = await createUser('venue', {
      organisation: await createOrganisation('venue', area),
    })
    const distributor = await createUser('distributor', {
      organisation: await createOrganisation('distributor', area),
    })

    const page = await visit(urlFor('posts.create'))
    await signIn(page, venueUser.email)
    await page.waitForURL(at(urlFor('posts.create')))
    await checked(page)
    await page.getByRole('radio', { name: 'Alueen jakaville organisaatioille' }).check()
    await page.getByLabel('Otsikko').fill('Sopii nuorille aikuisille')
    await page
      .getByLabel('Viesti', { exact: false })
      .first()
      .fill('Syksyn improvisaatioilloissa on tilaa.\n\n- torstaisin klo 18\n- esteetön sali')
    await submits(page, () => page.getByRole('button', { name: 'Lähetä viesti' }).click())
    await checked(page)
    await assertShows(assert, page, 'Viesti on lähetetty.')
    assert.equal(await page.locator('.post__body li').count(), 2)

    // The distributor, in another browser session.
    await browserContext.clearCookies()
    const inbox = await visit(urlFor('home.show'))
    await signIn(inbox, distributor.email)
    await checked(inbox)
    assert.include(await inbox.locator('.main-nav').innerText(), 'Ilmoitustaulu (1 lukematonta)')
    await inbox.getByRole('link', { name: /Ilmoitustaulu/ }).click()
    await inbox.waitForURL(at(urlFor('posts.index')))
    await checkedAtPhoneWidth(inbox)
    assert.include(
      await inbox.locator('.post-item--unread').innerText(),
      'Sopii nuorille aikuisille'
    )

    await submits(inbox, () =>
      inbox.getByRole('link', { name: 'Sopii nuorille aikuisille' }).click()
    )
    await checked(inbox)
    assert.notInclude(await inbox.locator('.main-nav').innerText(), 'lukematonta')
    await inbox.getByLabel('Vastaa').fill('Kiitos! Kerromme asiakkaillemme.')
    await submits(inbox, () => inbox.getByRole('button', { name: 'Lähetä vastaus' }).click())
    await checked(inbox)
    assert.include(await inbox.locator('#replies').innerText(), 'Kiitos! Kerromme asiakkaillemme.')

    const post = await Post.firstOrFail()
    assert.equal(post.activity, 2)
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the remaining bulletin pages', async ({ visit, browserContext }) => {
    const { area } = await createArea()
    const admin = await createUser('admin')
    const coordinator = await createUser('area_coordinator', { area })
    await browserContext.loginAs(admin)
    await checkedAtPhoneWidth(await visit(urlFor('posts.create')))
    await checkedAtPhoneWidth(await visit(urlFor('bulletin_settings.edit')))

    await browserContext.clearCookies()
    await browserContext.loginAs(coordinator)
    const form = await visit(urlFor('posts.create'))
    await form.getByLabel('Otsikko').fill('Palautetilaisuus')
    await form.locator('#message').fill('Tervetuloa palautetilaisuuteen 3.12.')
    await submits(form, () => form.getByRole('button', { name: 'Lähetä viesti' }).click())
    await checked(form)
    const post = await Post.firstOrFail()
    for (const path of [
      urlFor('posts.edit', { id: post.id }),
      urlFor('post_withdrawals.edit', { id: post.id }),
      urlFor('posts.index'),
    ]) {
      await checkedAtPhoneWidth(await visit(path))
    }

    await browserContext.clearCookies()
    await checkedAtPhoneWidth(await visit(new BulletinMailer().unsubscribeLink(coordinator.id)))
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
