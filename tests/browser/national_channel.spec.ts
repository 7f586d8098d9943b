/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import Post from '#bulletin/models/post'
import type User from '#registry/models/user'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'
import {
  assertShows,
  checkedAtPhoneWidth,
  openMenu,
  skipWithoutBrowser,
  submits,
} from '#tests/helpers/browser'

const address = (path: string) => new URL(path, env.get('APP_URL')).href

test.group('Browser: the channel to Kaikukeskus', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a coordinator writes to Kaikukeskus, which replies privately; without JavaScript, at 320 px', async ({
    browser,
    browserContext,
    visit,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const centre = await createUser('admin')
    const colleague = await createUser('admin')
    const distributor = await createUser('distributor', {
      organisation: await createOrganisation('distributor', area),
    })

    // Every page the users see without JavaScript is checked with axe at 320 px
    // in a scripted browser too (axe itself needs scripts); a thread once it has
    // its reply, which is the fuller page.
    const checkedAs = async (user: User, path: string) => {
      await browserContext.clearCookies()
      await browserContext.loginAs(user)
      await checkedAtPhoneWidth(await visit(path))
    }
    const plainAs = async (user: User) => {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 320, height: 640 },
      })
      await context.loginAs(user)
      return { context, page: await context.newPage() }
    }

    // The coordinator writes to Kaikukeskus.
    const author = await plainAs(coordinator)
    await author.page.goto(address(urlFor('posts.create')))
    await checkedAs(coordinator, urlFor('posts.create'))
    await author.page.getByRole('radio', { name: 'Kaikukeskukselle' }).check()
    await author.page.getByLabel('Otsikko').fill('Jatkuuko pilotti ensi vuonna?')
    await author.page.locator('#message').fill('Kunnat kysyvät, jatkuuko pilotti.')
    await submits(author.page, () =>
      author.page.getByRole('button', { name: 'Lähetä viesti' }).click()
    )
    await assertShows(assert, author.page, 'Viesti on lähetetty.', 'Kaikukeskus')
    const post = await Post.findByOrFail('title', 'Jatkuuko pilotti ensi vuonna?')
    const thread = urlFor('posts.show', { id: post.id })

    // The national centre finds it in its inbox and replies privately.
    const admin = await plainAs(centre)
    await admin.page.goto(address(urlFor('posts.index')))
    await openMenu(admin.page)
    assert.include(await admin.page.locator('.main-nav').innerText(), '(1 lukematonta)')
    await checkedAs(centre, urlFor('posts.index'))
    await submits(admin.page, () =>
      admin.page.getByRole('link', { name: 'Jatkuuko pilotti ensi vuonna?' }).click()
    )
    await admin.page.getByLabel('Vastaa').fill('Pilotti jatkuu, päätös tulee joulukuussa.')
    await admin.page
      .getByRole('radio', { name: `Vain ${coordinator.fullName} (yksityinen vastaus)` })
      .check()
    await submits(admin.page, () =>
      admin.page.getByRole('button', { name: 'Lähetä vastaus' }).click()
    )
    await assertShows(assert, admin.page, 'Yksityinen vastaus on lähetetty.')
    assert.include(
      await admin.page.locator('#replies').innerText(),
      `Vain sinä ja ${coordinator.fullName} näette tämän vastauksen.`
    )
    await checkedAs(centre, thread)

    // The author sees the reply, marked private.
    await author.page.goto(address(urlFor('posts.index')))
    await openMenu(author.page)
    assert.include(await author.page.locator('.main-nav').innerText(), '(1 lukematonta)')
    await submits(author.page, () =>
      author.page.getByRole('link', { name: 'Jatkuuko pilotti ensi vuonna?' }).click()
    )
    const replies = await author.page.locator('#replies').innerText()
    assert.include(replies, 'Pilotti jatkuu, päätös tulee joulukuussa.')
    assert.include(replies, 'Vain sinä ja kirjoittaja näette tämän vastauksen.')
    await checkedAs(coordinator, thread)

    // Another user of the national centre reads the message but not the private reply.
    const other = await plainAs(colleague)
    await other.page.goto(address(thread))
    await assertShows(assert, other.page, 'Kunnat kysyvät')
    assert.notInclude(await other.page.locator('#replies').innerText(), 'Pilotti jatkuu')
    await checkedAs(colleague, thread)

    // A distributor of the coordinator's own area does not find the message at all.
    const outsider = await plainAs(distributor)
    const response = await outsider.page.goto(address(thread))
    assert.equal(response?.status(), 404)
    await outsider.page.goto(address(urlFor('posts.index')))
    assert.notInclude(await outsider.page.locator('main').innerText(), 'Jatkuuko pilotti')
    await checkedAs(distributor, urlFor('posts.index'))

    for (const { context } of [author, admin, other, outsider]) await context.close()
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
