/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Page } from 'playwright'
import testUtils from '@adonisjs/core/services/test_utils'
import Organisation from '#registry/models/organisation'
import type User from '#registry/models/user'
import OutboxMessage from '#messaging/models/outbox_message'
import NotificationSetting from '#omakaiku/models/notification_setting'
import { drainOutbox } from '#messaging/services/outbox_worker'
import { queueTicketReminders } from '#messaging/jobs/ticket_reminders'
import { createUser, issueCard, PASSWORD } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import {
  assertShows,
  checked,
  checkedAtPhoneWidth,
  skipWithoutBrowser,
} from '#tests/helpers/browser'
import { createHolder } from '#tests/helpers/holder'
import { nextNoon, optIn } from '#tests/helpers/messaging'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { at } from '#tests/helpers/routes'

async function signIn(page: Page, user: User, waitFor: (url: URL) => boolean) {
  await page.getByLabel('Sähköpostiosoite').fill(user.email)
  await page.getByLabel('Salasana').fill(PASSWORD)
  await page.getByRole('button', { name: 'Kirjaudu' }).click()
  await page.waitForURL(waitFor)
}

test.group('Browser: messages to cardholders', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    fakeSmtp.inbox = []
    fakeTwilio.reset()
  })

  test('a venue writes to past visitors, sees how many it reaches, previews and sends', async ({
    visit,
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue, { title: 'Kevätuhri' })
    const past = await createOccurrence(offer, { daysAhead: -7 })
    const distributor = await createUser('distributor')
    const holders = []
    for (const [channels, phone] of [
      [['byEmail'], null],
      [['bySms'], '+358401112222'],
      [['byEmail', 'bySms'], '+358401113333'],
    ] as const) {
      const card = await issueCard(distributor)
      const account = await createHolder(card, { phone })
      await recordUse(card.code, offer, past)
      await optIn(account, ['venueNews'], [...channels])
      holders.push(account)
    }
    // A visitor who chose nothing is not counted.
    const silentCard = await issueCard(distributor)
    await createHolder(silentCard)
    await recordUse(silentCard.code, offer, past)

    const page = await visit(urlFor('campaigns.index'))
    await signIn(page, venueUser, at(urlFor('campaigns.index')))
    await checked(page)
    await page.getByRole('link', { name: 'Kirjoita uusi viesti' }).click()
    await page.waitForURL(at(urlFor('campaigns.create')))
    await checked(page)

    // htmx asks for the count as the audience changes; the answer is announced (role=status).
    await page.getByRole('radio', { name: 'Valitun tarjouksen aiemmat kävijät' }).check()
    await page.getByLabel('Tarjous', { exact: true }).selectOption({ label: 'Kevätuhri' })
    await page.locator('#reach').getByText('Viesti tavoittaa nyt 3 kortinhaltijaa').waitFor()
    await page.getByRole('checkbox', { name: 'Tekstiviesti' }).uncheck()
    await page.locator('#reach').getByText('Viesti tavoittaa nyt 2 kortinhaltijaa').waitFor()
    await page.getByRole('checkbox', { name: 'Tekstiviesti' }).check()
    await page.locator('#reach').getByText('Viesti tavoittaa nyt 3 kortinhaltijaa').waitFor()
    await checked(page)

    await page
      .getByLabel('Viesti suomeksi')
      .fill('Kiitos käynnistä! Syksyn ohjelmisto on julkaistu – tervetuloa uudelleen.')
    await page.getByLabel('Viesti ruotsiksi').fill('Tack för besöket! Höstens program är ute.')
    await page.getByRole('button', { name: 'Esikatsele' }).click()
    await page.waitForURL(at(`${urlFor('campaigns.create')}#preview`))
    await checkedAtPhoneWidth(page)
    const preview = await page.locator('.preview').innerText()
    assert.include(preview, 'Viesti tavoittaa nyt 3 kortinhaltijaa')
    assert.include(preview, 'Tack för besöket!')
    assert.match(preview, /\d+ merkkiä, \d tekstiviesti/)
    assert.equal(
      await page.getByLabel('Viesti suomeksi').inputValue(),
      'Kiitos käynnistä! Syksyn ohjelmisto on julkaistu – tervetuloa uudelleen.'
    )
    for (const holder of holders) assert.notInclude(await page.content(), holder.email)

    await page.getByRole('button', { name: 'Lähetä viesti' }).click()
    await page.waitForURL(at(urlFor('campaigns.index')))
    await checkedAtPhoneWidth(page)
    await assertShows(assert, page, 'Se menee 3 kortinhaltijalle')
    assert.lengthOf(await OutboxMessage.all(), 4, 'two e-mails and two SMS')

    await drainOutbox({ now: nextNoon })
    assert.lengthOf(fakeSmtp.inbox, 2)
    assert.lengthOf(fakeTwilio.sent, 2)
    await page.reload()
    await assertShows(assert, page, 'lähetetty 4')

    // The same pages in English and Swedish.
    await page.getByRole('button', { name: 'In English' }).click()
    await checked(page)
    await page.getByRole('link', { name: 'Write a new message' }).click()
    await page.waitForURL(at(urlFor('campaigns.create')))
    await checked(page)
    assert.equal(await page.locator('h1').innerText(), 'New message to cardholders')
    await page.getByRole('button', { name: 'På svenska' }).click()
    await checked(page)
    assert.equal(await page.locator('h1').innerText(), 'Nytt meddelande till kortinnehavare')
  }).skip(skipWithoutBrowser, 'Chromium is not installed')

  test('the admin dashboard, the dead letters and the unsubscribe page', async ({
    visit,
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue)
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const account = await createHolder(card, { phone: '+358401114444' })
    await recordUse(card.code, offer, await createOccurrence(offer, { daysAhead: 2 }))
    await optIn(account, ['ticketReminders', 'venueNews'], ['byEmail', 'bySms'])
    await queueTicketReminders(nextNoon())
    fakeTwilio.failNext(1, 400, 21211)
    await drainOutbox({ now: nextNoon })
    const admin = await createUser('admin')

    const page = await visit(urlFor('deliveries.index'))
    await signIn(page, admin, at(urlFor('deliveries.index')))
    await checkedAtPhoneWidth(page)
    await assertShows(assert, page, 'Viestit päivittäin')
    await page.getByRole('link', { name: 'Epäonnistuneet viestit' }).click()
    await page.waitForURL(at(urlFor('deliveries.dead_letters')))
    await checkedAtPhoneWidth(page)
    await page.getByRole('button', { name: 'Yritä valittuja uudelleen' }).click()
    await page.waitForURL(at(urlFor('deliveries.dead_letters')))
    await checked(page)
    assert.match(await page.title(), /^Virhe: /, 'nothing chosen: the error summary')
    await page.getByRole('checkbox').first().check()
    await page.getByRole('button', { name: 'Yritä valittuja uudelleen' }).click()
    await page.waitForURL(at(urlFor('deliveries.dead_letters')))
    await checked(page)
    await assertShows(assert, page, '1 viesti palautettiin lähetysjonoon')

    // The holder opens the unsubscribe link of the e-mail: no sign-in.
    const link = /^List-Unsubscribe:\s+<([^>]+)>/m.exec(fakeSmtp.lastTo(account.email)!.raw)![1]
    const holderPage = await visit(new URL(link).pathname + new URL(link).search)
    await checkedAtPhoneWidth(holderPage)
    await holderPage.getByRole('button', { name: 'Lopeta nämä viestit' }).click()
    await holderPage.getByText('Valmis.').waitFor()
    await checked(holderPage)
    const setting = await NotificationSetting.findOrFail(account.id)
    assert.isFalse(setting.ticketReminders)
    assert.isTrue(setting.venueNews)
  }).skip(skipWithoutBrowser, 'Chromium is not installed')
})
