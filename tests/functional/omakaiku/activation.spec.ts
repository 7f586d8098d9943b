import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type User from '#registry/models/user'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Card from '#registry/models/card'
import Organisation from '#registry/models/organisation'
import Account from '#omakaiku/models/account'
import AccountToken from '#omakaiku/models/account_token'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { HolderBrowser } from '#tests/helpers/holder'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { urlFor } from '@adonisjs/core/services/url_builder'

const linkIn = (text: string) =>
  /http:\/\/[^\s]+\/oma\/password\/set\/[A-Za-z0-9_-]+/.exec(text)?.[0]
const pathOf = (link: string) => new URL(link).pathname

async function distributorWithCard() {
  const distributor = await createUser('distributor')
  const card = await issueCard(distributor)
  const organisation = await Organisation.findOrFail(distributor.organisationId)
  return { distributor, card, municipalityId: organisation.municipalityId! }
}

const activationForm = (municipalityId: number, overrides: Record<string, unknown> = {}) => ({
  firstName: 'Aino',
  lastName: 'Virtanen',
  email: `aino.${Date.now()}@example.fi`,
  phone: '040 123 4567',
  municipalityId: String(municipalityId),
  locale: 'sv',
  ...overrides,
})

/** The activation form, sent from its page (a refusal leads back there) by a signed-in staff user. */
function activate(client: ApiClient, staff: User, card: Card, form: Record<string, unknown>) {
  return client
    .post(urlFor('activations.store', { id: card.id }))
    .header('referer', urlFor('activations.create', { id: card.id }))
    .form(form)
    .withCsrfToken()
    .loginAs(staff)
}

test.group('OmaKaiku activation', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a distributor creates the account; identity goes to OmaKaiku only; the holder sets a password from the e-mail and signs in', async ({
    client,
    assert,
  }) => {
    const { distributor, card, municipalityId } = await distributorWithCard()
    const form = activationForm(municipalityId)
    const response = await activate(client, distributor, card, form).redirects(0)
    response.assertHeader('location', urlFor('cards.show', { id: card.id }))

    const account = await Account.findByOrFail('card_code', card.code)
    assert.equal(account.firstName, 'Aino')
    assert.equal(account.phone, '+358401234567')
    assert.equal(account.locale, 'sv')
    assert.isNull(account.password)
    // The registry knows only that there is an account, and since when.
    const registryCard = await Card.findOrFail(card.id)
    assert.isNotNull(registryCard.omakaikuAccountAt)
    const registryRow = JSON.stringify(
      await db.connection('registry').from('cards').where('id', card.id)
    )
    assert.notInclude(registryRow, 'Aino')
    assert.notInclude(registryRow, form.email)

    // The card page says so, without any of the holder's details.
    const cardPage = await client.get(urlFor('cards.show', { id: card.id })).loginAs(distributor)
    cardPage.assertTextIncludes('OmaKaiku')
    assert.notInclude(cardPage.text(), form.email)
    assert.notInclude(cardPage.text(), 'Virtanen')

    // The mail is in the holder's language and carries a single-use link.
    const mail = fakeSmtp.lastTo(form.email)!
    assert.include(mail.text, 'Hej Aino')
    const link = linkIn(mail.text)!
    assert.exists(link)

    const holder = new HolderBrowser(client)
    // The page speaks the holder's language, like the e-mail.
    const setPage = await holder.get(pathOf(link))
    setPage.assertTextIncludes('Välkommen till OmaKaiku')
    const saved = await holder.post(pathOf(link), {
      password: 'red bus goes north',
      passwordConfirmation: 'red bus goes north',
    })
    saved.assertHeader('location', urlFor('holder_session.create'))

    // The link works once.
    const again = await holder.get(pathOf(link))
    again.assertTextIncludes('Tämä linkki ei enää toimi')

    const signIn = await holder.signIn(form.email, 'red bus goes north')
    signIn.assertHeader('location', urlFor('my_card.show'))
    const cardView = await holder.get(urlFor('my_card.show'))
    cardView.assertStatus(200)
    cardView.assertTextIncludes(card.code.slice(0, 3))
    assert.include(cardView.text(), '<svg')
  })

  test('bad input is refused next to its field with what was typed kept, and nothing is created', async ({
    client,
    assert,
  }) => {
    const { distributor, card, municipalityId } = await distributorWithCard()
    const response = await activate(
      client,
      distributor,
      card,
      activationForm(municipalityId, { phone: '12', email: 'not-an-address' })
    )
    response.assertTextIncludes('Kirjoita puhelinnumero muodossa 040 123 4567')
    response.assertTextIncludes('value="Virtanen"')
    assert.isNull(await Account.findBy('card_code', card.code))
    assert.isNull((await Card.findOrFail(card.id)).omakaikuAccountAt)
  })

  test('a landline or a service number is refused as an SMS number next to its field, kept as typed; a foreign mobile is taken', async ({
    client,
    assert,
  }) => {
    const { distributor, card, municipalityId } = await distributorWithCard()
    for (const phone of ['(09) 310 1641', '0800 123 456']) {
      const response = await activate(
        client,
        distributor,
        card,
        activationForm(municipalityId, { phone })
      )
      response.assertTextIncludes('Tähän numeroon ei voi lähettää tekstiviestejä')
      response.assertTextIncludes(`value="${phone}"`)
      assert.isNull(await Account.findBy('card_code', card.code))
    }
    await activate(
      client,
      distributor,
      card,
      activationForm(municipalityId, { phone: '+46 70 123 45 67' })
    )
    assert.equal((await Account.findByOrFail('card_code', card.code)).phone, '+46701234567')
  })

  test("another organisation's card answers 404 and gets no account", async ({
    client,
    assert,
  }) => {
    const { card, municipalityId } = await distributorWithCard()
    const stranger = await createUser('distributor')
    const response = await activate(client, stranger, card, activationForm(municipalityId))
    response.assertStatus(404)
    assert.isNull(await Account.findBy('card_code', card.code))
  })

  test('a double submit creates one account and sends one e-mail', async ({ client, assert }) => {
    const { distributor, card, municipalityId } = await distributorWithCard()
    const form = activationForm(municipalityId)
    const before = fakeSmtp.inbox.length
    for (let i = 0; i < 2; i++) {
      const response = await activate(client, distributor, card, form).redirects(0)
      response.assertHeader('location', urlFor('cards.show', { id: card.id }))
    }
    assert.lengthOf(await Account.query().where('card_code', card.code), 1)
    assert.equal(fakeSmtp.inbox.length - before, 1)
  })

  test('two submits at the same moment create one account and send one e-mail', async ({
    client,
    assert,
  }) => {
    const { distributor, card, municipalityId } = await distributorWithCard()
    const form = activationForm(municipalityId)
    const before = fakeSmtp.inbox.length
    const send = () => activate(client, distributor, card, form).redirects(0)
    const responses = await Promise.all([send(), send()])
    for (const response of responses)
      response.assertHeader('location', urlFor('cards.show', { id: card.id }))
    assert.lengthOf(await Account.query().where('card_code', card.code), 1)
    assert.equal(fakeSmtp.inbox.length - before, 1)
  })

  test('an e-mail address already used by another account is refused', async ({
    client,
    assert,
  }) => {
    const { distributor, card, municipalityId } = await distributorWithCard()
    const other = await issueCard(distributor)
    const form = activationForm(municipalityId)
    await activate(client, distributor, other, form)
    const response = await activate(client, distributor, card, form)
    response.assertTextIncludes('Tämä sähköpostiosoite on jo toisen OmaKaiku-tilin käytössä')
    assert.isNull(await Account.findBy('card_code', card.code))
  })

  test('resending makes the earlier link stop working, and can correct the address', async ({
    client,
    assert,
  }) => {
    const { distributor, card, municipalityId } = await distributorWithCard()
    const form = activationForm(municipalityId, { locale: 'en' })
    await activate(client, distributor, card, form)
    const firstLink = linkIn(fakeSmtp.lastTo(form.email)!.text)!

    const corrected = `fixed.${Date.now()}@example.fi`
    const response = await client
      .post(urlFor('activations.resend', { id: card.id }))
      .form({ email: corrected })
      .withCsrfToken()
      .loginAs(distributor)
      .redirects(0)
    response.assertHeader('location', urlFor('cards.show', { id: card.id }))
    const secondMail = fakeSmtp.lastTo(corrected)!
    assert.include(secondMail.text, 'Hello Aino')
    const secondLink = linkIn(secondMail.text)!

    const holder = new HolderBrowser(client)
    ;(await holder.get(pathOf(firstLink))).assertTextIncludes('Tämä linkki ei enää toimi')
    ;(await holder.get(pathOf(secondLink))).assertTextIncludes('Welcome to OmaKaiku')
    assert.equal((await Account.findByOrFail('card_code', card.code)).email, corrected)
  })

  test('an expired link is refused and sets no password', async ({ client, assert }) => {
    const { distributor, card, municipalityId } = await distributorWithCard()
    const form = activationForm(municipalityId)
    await activate(client, distributor, card, form)
    const link = linkIn(fakeSmtp.lastTo(form.email)!.text)!
    const account = await Account.findByOrFail('card_code', card.code)
    await AccountToken.query()
      .where('account_id', account.id)
      .update({ expires_at: DateTime.utc().minus({ minutes: 1 }).toFormat('yyyy-MM-dd HH:mm:ss') })

    const holder = new HolderBrowser(client)
    ;(await holder.get(pathOf(link))).assertTextIncludes('Tämä linkki ei enää toimi')
    const refused = await holder.post(pathOf(link), {
      password: 'red bus goes north',
      passwordConfirmation: 'red bus goes north',
    })
    refused.assertHeader('location', pathOf(link))
    await account.refresh()
    assert.isNull(account.password)
  })
})
