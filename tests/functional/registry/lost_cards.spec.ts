import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ApiClient } from '@japa/api-client'
import Card from '#registry/models/card'
import CardEvent from '#registry/models/card_event'
import Organisation from '#registry/models/organisation'
import ReplacedCode from '#registry/models/replaced_code'
import type User from '#registry/models/user'
import Account from '#omakaiku/models/account'
import CardUse from '#usage/models/card_use'
import CardCheckService from '#registry/services/card_check_service'
import CardService from '#registry/services/card_service'
import { formatCardCode } from '#registry/services/card_code'
import { isFreeCode } from '#registry/services/printed_codes'
import { summariesOf } from '#registry/services/print_runs'
import { printedCodeToRegister } from '#registry/services/printed_card_check'
import { codeFollowers, provideCodeFollowers } from '#registry/services/code_change_port'
import { refreshSummaries } from '#stats/services/summary_refresh'
import { LOCALE_COOKIE } from '#core/services/locale'
import db from '@adonisjs/lucid/services/db'
import { createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import {
  createOccurrence,
  createOffer,
  recordUse,
  registrationForm,
} from '#tests/helpers/offer_fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'
import { createPrintRun } from '#tests/helpers/print_fixtures'
import { buildStatsWorld, summarySnapshot } from '#tests/helpers/stats'

const issuerOf = (organisation: Organisation) => ({
  organisationId: organisation.id,
  areaId: organisation.areaId,
})

const replaceUrl = (card: Card) => urlFor('card_changes.update', { id: card.id, change: 'replace' })

function replace(
  client: ApiClient,
  user: User,
  card: Card,
  form: Record<string, unknown> = {},
  locale = 'fi'
) {
  return client
    .post(replaceUrl(card))
    .form({
      codeSource: 'new',
      confirm: 'on',
      revision: String(card.revision),
      submissionKey: randomUUID(),
      ...form,
    })
    .withCsrfToken()
    .withPlainCookie(LOCALE_COOKIE, locale)
    .loginAs(user)
    .header('referer', urlFor('card_changes.edit', { id: card.id, change: 'replace' }))
}

/** A card with an OmaKaiku account, a ticket at a venue, and the venue's user. */
async function scene() {
  const distributor = await createUser('distributor')
  const card = await issueCard(distributor, { childrenCount: 1 })
  const account = await createHolder(card)
  const venueUser = await createUser('venue')
  const venue = await Organisation.findOrFail(venueUser.organisationId)
  const offer = await createOffer(venue)
  const occurrence = await createOccurrence(offer)
  const ticket = await recordUse(card.code, offer, occurrence)
  return { distributor, card, account, venueUser, occurrence, ticket }
}

test.group('A lost card moves to a new code', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('validity, history, uses and the OmaKaiku account follow; the old code says replaced', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const form = await client
      .get(urlFor('card_changes.edit', { id: s.card.id, change: 'replace' }))
      .loginAs(s.distributor)
    form.assertTextIncludes('Vanha koodi lakkaa toimimasta')

    const response = await replace(client, s.distributor, s.card).redirects(0)
    response.assertHeader('location', urlFor('cards.show', { id: s.card.id }))

    const moved = await Card.findOrFail(s.card.id)
    assert.notEqual(moved.code, s.card.code)
    assert.equal(moved.validUntil.toISODate(), s.card.validUntil.toISODate())
    assert.equal(moved.childrenCount, 1)
    assert.deepEqual(
      (await CardEvent.query().where('card_id', moved.id).orderBy('id')).map((e) => e.kind),
      ['issued', 'replaced']
    )
    const old = await ReplacedCode.findByOrFail('old_code', s.card.code)
    assert.equal(old.cardId, moved.id)

    // The box office.
    const checks = new CardCheckService()
    assert.equal((await checks.check(s.card.code)).status, 'replaced')
    assert.equal((await checks.check(moved.code)).status, 'valid')
    const refused = await client
      .post(urlFor('registrations.store'))
      .form(registrationForm(s.card.code, `occurrence-${s.occurrence.id}`))
      .withCsrfToken()
      .loginAs(s.venueUser)
      .header('referer', urlFor('registrations.create'))
    refused.assertTextIncludes('Tämä kortti on korvattu uudella kortilla (kadonnut kortti).')

    // The uses follow: the roster shows the ticket under the new code.
    assert.equal((await CardUse.findOrFail(s.ticket.id)).cardCode, moved.code)
    const roster = await client
      .get(urlFor('rosters.show', { id: s.occurrence.id }))
      .loginAs(s.venueUser)
    roster.assertTextIncludes(formatCardCode(moved.code))
    assert.notInclude(roster.text(), formatCardCode(s.card.code))

    // The holder's OmaKaiku shows the new code.
    assert.equal((await Account.findOrFail(s.account.id)).cardCode, moved.code)
    const holder = await HolderBrowser.signedIn(client, s.account.email)
    ;(await holder.get(urlFor('my_card.show'))).assertTextIncludes(formatCardCode(moved.code))

    // The card page lists the old code.
    const page = await client.get(urlFor('cards.show', { id: moved.id })).loginAs(s.distributor)
    page.assertTextIncludes(formatCardCode(s.card.code))
    page.assertTextIncludes('Siirretty uudelle koodille (kadonnut kortti)')

    // The holder brings the old code: the card list finds the card under its new one.
    const found = await client
      .get(urlFor('cards.index', {}, { qs: { q: formatCardCode(s.card.code) } }))
      .loginAs(s.distributor)
    found.assertTextIncludes(formatCardCode(moved.code))
  })

  test('the old code answers "replaced" in Swedish and English too', async ({ client }) => {
    const s = await scene()
    await replace(client, s.distributor, s.card).redirects(0)
    for (const [locale, text] of [
      ['sv', 'Det här kortet har ersatts med ett nytt kort'],
      ['en', 'This card has been replaced with a new card'],
    ]) {
      const response = await client
        .post(urlFor('registrations.store'))
        .form(registrationForm(s.card.code, `occurrence-${s.occurrence.id}`))
        .withCsrfToken()
        .withPlainCookie(LOCALE_COOKIE, locale)
        .loginAs(s.venueUser)
        .header('referer', urlFor('registrations.create'))
      response.assertTextIncludes(text)
    }
  })

  test('the new code may be one of the area’s printed cards; its refusals are the same as at issue', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const organisation = await Organisation.findOrFail(s.distributor.organisationId)
    const { codes } = await createPrintRun({ id: organisation.areaId! })
    const elsewhere = await createOrganisation('distributor')
    const foreign = (await createPrintRun({ id: elsewhere.areaId! })).codes[0]

    const refused = await replace(client, s.distributor, s.card, {
      codeSource: 'printed',
      code: foreign,
    })
    refused.assertTextIncludes('Tämä kortti on painettu toiselle Kaikukortti-alueelle.')
    assert.equal((await Card.findOrFail(s.card.id)).code, s.card.code)

    await replace(client, s.distributor, s.card, {
      codeSource: 'printed',
      code: codes[0],
    }).redirects(0)
    assert.equal((await Card.findOrFail(s.card.id)).code, codes[0])
    assert.equal((await Account.findOrFail(s.account.id)).cardCode, codes[0])
  })

  test('an old code is never given again, nor registered as a printed card', async ({ assert }) => {
    const s = await scene()
    await new CardService().replace(
      s.card,
      { codeSource: 'new', revision: 1, submissionKey: randomUUID() },
      s.distributor
    )
    assert.isFalse(await isFreeCode(s.card.code, db.connection('registry')))

    // A printed card, lost and replaced, cannot be registered again from the box.
    const organisation = await Organisation.findOrFail(s.distributor.organisationId)
    const { run, codes } = await createPrintRun({ id: organisation.areaId! })
    const printed = await issueCard(s.distributor, { codeSource: 'printed', code: codes[0] })
    await new CardService().replace(
      printed,
      { codeSource: 'new', revision: 1, submissionKey: randomUUID() },
      s.distributor
    )
    // The run's list still counts the lost card among its registered codes.
    const [summary] = await summariesOf([run])
    assert.deepInclude(summary, { registered: 1, unused: codes.length - 1 })
    await assert.rejects(
      () => printedCodeToRegister(codes[0], issuerOf(organisation), 'personal'),
      'cards.printed_code.already_registered'
    )
  })

  test('a double submit moves the card once', async ({ client, assert }) => {
    const s = await scene()
    const form = { submissionKey: randomUUID() }
    const responses = await Promise.all([
      replace(client, s.distributor, s.card, form).redirects(0),
      replace(client, s.distributor, s.card, form).redirects(0),
    ])
    assert.deepEqual(
      responses.map((response) => response.status()),
      [302, 302]
    )
    assert.lengthOf(await ReplacedCode.query().where('card_id', s.card.id), 1)
    const moved = await Card.findOrFail(s.card.id)
    assert.equal((await Account.findOrFail(s.account.id)).cardCode, moved.code)
  })

  test('an account move that failed after the commit is repaired when the form is sent again', async ({
    assert,
  }) => {
    const s = await scene()
    const followers = codeFollowers()
    const input = { codeSource: 'new' as const, revision: 1, submissionKey: randomUUID() }
    provideCodeFollowers({
      ...followers,
      moveAccount: async () => {
        throw new Error('OmaKaiku database unreachable')
      },
    })
    try {
      await assert.rejects(() => new CardService().replace(s.card, input, s.distributor))
    } finally {
      provideCodeFollowers(followers)
    }
    const moved = await Card.findOrFail(s.card.id)
    assert.notEqual(moved.code, s.card.code)
    assert.equal((await Account.findOrFail(s.account.id)).cardCode, s.card.code)

    await new CardService().replace(s.card, input, s.distributor)
    assert.equal((await Account.findOrFail(s.account.id)).cardCode, moved.code)
    assert.lengthOf(await ReplacedCode.query().where('card_id', s.card.id), 1)
  })

  test('only an active card of the own organisation moves; confirmation is needed', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const stranger = await createUser('distributor')
    ;(await replace(client, stranger, s.card).redirects(0)).assertStatus(404)

    const unconfirmed = await replace(client, s.distributor, s.card, { confirm: '' })
    unconfirmed.assertTextIncludes('Vahvista muutos rastittamalla kohta.')
    assert.equal((await Card.findOrFail(s.card.id)).code, s.card.code)

    await new CardService().end(s.card, { revision: 1, submissionKey: randomUUID() }, s.distributor)
    const ended = await Card.findOrFail(s.card.id)
    const refused = await replace(client, s.distributor, ended)
    refused.assertTextIncludes('Tätä muutosta ei voi tehdä')
    assert.equal((await Card.findOrFail(s.card.id)).code, s.card.code)
  })

  test('statistics are unaffected by a replacement', async ({ assert }) => {
    const world = await buildStatsWorld()
    const before = await summarySnapshot()
    const card = world.cards.d1Women[0]
    const user = await createUser('distributor', { organisation: world.d1 })
    await new CardService().replace(
      card,
      { codeSource: 'new', revision: card.revision, submissionKey: randomUUID() },
      user
    )
    await refreshSummaries({ full: false })
    assert.deepEqual(await summarySnapshot(), before)
    await refreshSummaries({ full: true })
    assert.deepEqual(await summarySnapshot(), before)
  })
})
