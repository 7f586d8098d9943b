import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import db from '@adonisjs/lucid/services/db'
import Card from '#registry/models/card'
import CardEvent from '#registry/models/card_event'
import Organisation from '#registry/models/organisation'
import CardUse from '#usage/models/card_use'
import { LOCALE_COOKIE } from '#core/services/locale'
import i18nManager from '@adonisjs/i18n/services/main'
import CardService from '#registry/services/card_service'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, registrationForm } from '#tests/helpers/offer_fixtures'

const correction = (card: Card, overrides: Record<string, unknown> = {}) => ({
  childrenCount: String(card.childrenCount),
  postalCode: card.postalCode,
  revision: String(card.revision),
  submissionKey: randomUUID(),
  ...overrides,
})

async function scene() {
  const distributor = await createUser('distributor')
  const card = await issueCard(distributor, {
    childrenCount: 0,
    motherTongues: ['fi'],
    gender: 'woman',
  })
  return { distributor, card }
}

const correctUrl = (card: Card) => urlFor('card_changes.update', { id: card.id, change: 'correct' })

test.group('Correcting a card’s background data', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('the issuing organisation corrects the data; history names the fields, not the values', async ({
    client,
    assert,
  }) => {
    const { distributor, card } = await scene()
    const form = await client
      .get(urlFor('card_changes.edit', { id: card.id, change: 'correct' }))
      .loginAs(distributor)
    form.assertStatus(200)
    assert.match(form.text(), /id="childrenCount"[^>]*value="0"/)

    const response = await client
      .post(correctUrl(card))
      .form(
        correction(card, { 'childrenCount': '2', 'postalCode': '00100', 'motherTongues[]': 'fi' })
      )
      .withCsrfToken()
      .loginAs(distributor)
      .redirects(0)
    response.assertHeader('location', urlFor('cards.show', { id: card.id }))

    const corrected = await Card.findOrFail(card.id)
    assert.equal(corrected.childrenCount, 2)
    assert.equal(corrected.postalCode, '00100')
    // Gender left unanswered in the form: a correction to "not given".
    assert.isNull(corrected.gender)
    assert.equal(corrected.code, card.code)
    assert.equal(corrected.validUntil.toISODate(), card.validUntil.toISODate())

    const event = await CardEvent.query()
      .where('card_id', card.id)
      .where('kind', 'corrected')
      .firstOrFail()
    assert.equal(event.userId, distributor.id)
    assert.deepEqual(event.changedFields, ['childrenCount', 'postalCode', 'gender'])
    const raw = await db
      .connection('registry')
      .from('card_events')
      .where('id', event.id)
      .firstOrFail()
    assert.notInclude(JSON.stringify(raw), '00100')

    const page = await client.get(urlFor('cards.show', { id: card.id })).loginAs(distributor)
    page.assertTextIncludes(
      'Taustatietoja korjattu (korjattu: lasten määrä, postinumero, sukupuoli)'
    )
  })

  test('a corrected children count holds at the box office at once', async ({ client, assert }) => {
    const { distributor, card } = await scene()
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const occurrence = await createOccurrence(await createOffer(venue))
    const registerWithTwo = () =>
      client
        .post(urlFor('registrations.store'))
        .form(registrationForm(card.code, `occurrence-${occurrence.id}`, { childrenCount: '2' }))
        .withCsrfToken()
        .loginAs(venueUser)
        .header('referer', urlFor('registrations.create'))

    ;(await registerWithTwo()).assertTextIncludes('Korttiin ei ole merkitty lapsia.')

    await client
      .post(correctUrl(card))
      .form(correction(card, { 'childrenCount': '2', 'motherTongues[]': 'fi', 'gender': 'woman' }))
      .withCsrfToken()
      .loginAs(distributor)
      .redirects(0)

    await registerWithTwo()
    const use = await CardUse.query().where('card_code', card.code).firstOrFail()
    assert.equal(use.childrenCount, 2)
    assert.equal(use.places, 3)
  })

  test('a form opened before someone else changed the card is refused, nothing changes', async ({
    client,
    assert,
  }) => {
    const { distributor, card } = await scene()
    const stale = correction(card, { childrenCount: '3' })
    await client
      .post(correctUrl(card))
      .form(correction(card, { 'childrenCount': '1', 'motherTongues[]': 'fi', 'gender': 'woman' }))
      .withCsrfToken()
      .loginAs(distributor)
      .redirects(0)
    const response = await client
      .post(correctUrl(card))
      .form(stale)
      .withCsrfToken()
      .loginAs(distributor)
      .header('referer', correctUrl(card))
    response.assertTextIncludes('Korttia muutettiin sillä välin, kun lomake oli auki.')
    assert.equal((await Card.findOrFail(card.id)).childrenCount, 1)
  })

  test('a correction that changes nothing is not written', async ({ client, assert }) => {
    const { distributor, card } = await scene()
    const response = await client
      .post(correctUrl(card))
      .form(correction(card, { 'motherTongues[]': 'fi', 'gender': 'woman' }))
      .withCsrfToken()
      .withPlainCookie(LOCALE_COOKIE, 'en')
      .loginAs(distributor)
      .header('referer', correctUrl(card))
    response.assertTextIncludes('You changed nothing.')
    assert.lengthOf(await CardEvent.query().where('card_id', card.id).where('kind', 'corrected'), 0)
  })

  test('the same rules as at issue: a wrong postal code is refused in words', async ({
    client,
    assert,
  }) => {
    const { distributor, card } = await scene()
    const response = await client
      .post(correctUrl(card))
      .form(correction(card, { postalCode: '123' }))
      .withCsrfToken()
      .withPlainCookie(LOCALE_COOKIE, 'sv')
      .loginAs(distributor)
      .header('referer', correctUrl(card))
    response.assertTextIncludes('Postnumret ska ha fem siffror')
    assert.equal((await Card.findOrFail(card.id)).postalCode, '33100')
  })

  test('a double submit writes one correction', async ({ client, assert }) => {
    const { distributor, card } = await scene()
    const form = correction(card, { childrenCount: '4' })
    const send = () =>
      client.post(correctUrl(card)).form(form).withCsrfToken().loginAs(distributor).redirects(0)
    const responses = await Promise.all([send(), send()])
    assert.deepEqual(
      responses.map((response) => response.status()),
      [302, 302]
    )
    assert.lengthOf(await CardEvent.query().where('card_id', card.id).where('kind', 'corrected'), 1)
  })

  test('only the issuing organisation corrects; a withdrawn consent leaves nothing to correct', async ({
    client,
    assert,
  }) => {
    const { card } = await scene()
    const stranger = await createUser('distributor')
    const refused = await client
      .post(correctUrl(card))
      .form(correction(card, { childrenCount: '2' }))
      .withCsrfToken()
      .loginAs(stranger)
      .redirects(0)
    refused.assertStatus(404)
    assert.equal((await Card.findOrFail(card.id)).childrenCount, 0)

    const { distributor, card: erased } = await scene()
    await new CardService().withdrawConsent(
      erased,
      { revision: 1, submissionKey: randomUUID() },
      distributor
    )
    const page = await client.get(urlFor('cards.show', { id: erased.id })).loginAs(distributor)
    assert.notInclude(page.text(), 'Korjaa taustatietoja')
    const response = await client
      .post(correctUrl(erased))
      .form(correction(erased, { childrenCount: '2', postalCode: '33100', revision: '2' }))
      .withCsrfToken()
      .loginAs(distributor)
      .header('referer', correctUrl(erased))
    response.assertTextIncludes(i18nManager.locale('fi').t('cards.not_changeable'))
    assert.equal((await Card.findOrFail(erased.id)).childrenCount, 0)
  })
})
