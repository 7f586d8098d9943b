import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import Card from '#registry/models/card'
import CardEvent from '#registry/models/card_event'
import WellbeingResponse from '#surveys/models/wellbeing_response'
import CardCheckService from '#registry/services/card_check_service'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { urlFor } from '@adonisjs/core/services/url_builder'

const helsinkiToday = () => DateTime.now().setZone('Europe/Helsinki').startOf('day')
const events = async (card: Card) =>
  (await CardEvent.query().where('card_id', card.id).orderBy('id')).map((event) => event.kind)

test.group('Changing a card', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('extending keeps the same code, renews 12 months from today and asks SWB and impact', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    await Card.query()
      .where('id', card.id)
      .update({ valid_until: '2020-01-01', issued_on: '2019-01-01' })

    const response = await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'extend' }))
      .form({ revision: '1', submissionKey: randomUUID(), swb: '8', impact: '9' })
      .withCsrfToken()
      .loginAs(distributor)
      .redirects(0)
    response.assertHeader('location', urlFor('cards.show', { id: card.id }))

    const extended = await Card.findOrFail(card.id)
    assert.equal(extended.code, card.code)
    assert.equal(extended.validUntil.toISODate(), helsinkiToday().plus({ years: 1 }).toISODate())
    assert.deepEqual(await events(card), ['issued', 'extended'])
    const answers = await WellbeingResponse.query()
      .where('card_id', card.id)
      .where('context', 'extension')
    assert.sameDeepMembers(
      answers.map((answer) => [answer.instrument, answer.rawScore]),
      [
        ['swb', 8],
        ['impact', 9],
      ]
    )
    const history = await CardEvent.query()
      .where('card_id', card.id)
      .where('kind', 'extended')
      .firstOrFail()
    assert.equal(history.validUntilBefore!.toISODate(), '2020-01-01')
    assert.equal(history.userId, distributor.id)
  })

  test('an extend form opened before someone else changed the card is refused, nothing changes', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'end' }))
      .form({ confirm: 'on', revision: '1', submissionKey: randomUUID() })
      .withCsrfToken()
      .loginAs(distributor)

    const stale = await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'extend' }))
      .form({ revision: '1', submissionKey: randomUUID(), swb: '8' })
      .withCsrfToken()
      .loginAs(distributor)
      .header('referer', urlFor('card_changes.edit', { id: card.id, change: 'extend' }))
    stale.assertTextIncludes('Tätä muutosta ei voi tehdä kortille tässä tilassa')
    assert.deepEqual(await events(card), ['issued', 'ended'])
    assert.lengthOf(
      await WellbeingResponse.query().where('card_id', card.id).where('context', 'extension'),
      0
    )
  })

  test('a stale revision is refused with a plain explanation', async ({ client, assert }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    await Card.query().where('id', card.id).update({ revision: 2 })
    const response = await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'withdraw' }))
      .form({ confirm: 'on', revision: '1', submissionKey: randomUUID() })
      .withCsrfToken()
      .loginAs(distributor)
    response.assertTextIncludes('Korttia muutettiin sillä välin')
    assert.equal((await Card.findOrFail(card.id)).status, 'active')
  })

  test('a double-clicked extend extends once', async ({ client, assert }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const form = { revision: '1', submissionKey: randomUUID(), swb: '5' }
    const first = await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'extend' }))
      .form(form)
      .withCsrfToken()
      .loginAs(distributor)
      .redirects(0)
    const second = await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'extend' }))
      .form(form)
      .withCsrfToken()
      .loginAs(distributor)
      .redirects(0)
    assert.equal(first.header('location'), second.header('location'))
    assert.deepEqual(await events(card), ['issued', 'extended'])
    assert.lengthOf(
      await WellbeingResponse.query().where('card_id', card.id).where('context', 'extension'),
      1
    )
  })

  test('ending needs a confirmation; then the card fails everywhere', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const unconfirmed = await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'end' }))
      .form({ revision: '1', submissionKey: randomUUID() })
      .withCsrfToken()
      .loginAs(distributor)
      .header('referer', urlFor('card_changes.edit', { id: card.id, change: 'end' }))
    unconfirmed.assertTextIncludes('Vahvista muutos rastittamalla kohta.')
    assert.equal((await new CardCheckService().check(card.code)).status, 'valid')

    await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'end' }))
      .form({ confirm: 'on', revision: '1', submissionKey: randomUUID() })
      .withCsrfToken()
      .loginAs(distributor)
    const ended = await Card.findOrFail(card.id)
    assert.equal(ended.status, 'ended')
    assert.equal(ended.endedOn!.toISODate(), helsinkiToday().toISODate())
    assert.equal((await new CardCheckService().check(card.code)).status, 'ended')
  })

  test('withdrawing takes the card out of use and keeps its data', async ({ client, assert }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'withdraw' }))
      .form({ confirm: 'on', revision: '1', submissionKey: randomUUID() })
      .withCsrfToken()
      .loginAs(distributor)
    const withdrawn = await Card.findOrFail(card.id)
    assert.equal(withdrawn.status, 'withdrawn')
    assert.equal(withdrawn.birthYear, 1980)
    assert.equal((await new CardCheckService().check(card.code)).status, 'withdrawn')
    const page = await client.get(urlFor('cards.show', { id: card.id })).loginAs(distributor)
    page.assertTextIncludes('Poistettu käytöstä')
  })

  test('withdrawing consent erases background data and answers, and the card stops working', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor, {
      motherTongues: ['fi'],
      gender: 'man',
      lifeSituation: 'retired',
    })
    await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'consent' }))
      .form({ confirm: 'on', revision: '1', submissionKey: randomUUID() })
      .withCsrfToken()
      .loginAs(distributor)

    const erased = await Card.findOrFail(card.id)
    assert.equal(erased.status, 'withdrawn')
    assert.isNotNull(erased.consentWithdrawnAt)
    assert.isNull(erased.birthYear)
    assert.isNull(erased.postalCode)
    assert.equal(erased.childrenCount, 0)
    assert.deepEqual(erased.motherTongues, [])
    assert.isNull(erased.gender)
    assert.isNull(erased.lifeSituation)
    assert.lengthOf(await WellbeingResponse.query().where('card_id', card.id), 0)
    // Kept for totals: code, issuing organisation, dates; and the history of who did what.
    assert.equal(erased.code, card.code)
    assert.equal(erased.issuingOrganisationId, card.issuingOrganisationId)
    assert.equal(erased.issuedOn.toISODate(), card.issuedOn.toISODate())
    assert.deepEqual(await events(card), ['issued', 'consent_withdrawn'])
    assert.equal((await new CardCheckService().check(card.code)).status, 'withdrawn')

    const page = await client.get(urlFor('cards.show', { id: card.id })).loginAs(distributor)
    page.assertTextIncludes('Taustatiedot ja vastaukset on poistettu')
    assert.notInclude(page.text(), '>1980<')
  })
})

test.group("Another organisation's card", (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('opening it by URL gives 404 and reveals nothing; changing it changes nothing', async ({
    client,
    assert,
  }) => {
    const owner = await createUser('distributor')
    const outsider = await createUser('distributor')
    const card = await issueCard(owner)

    for (const path of [
      urlFor('cards.show', { id: card.id }),
      urlFor('cards.print', { id: card.id }),
      urlFor('card_changes.edit', { id: card.id, change: 'extend' }),
      urlFor('card_changes.edit', { id: card.id, change: 'end' }),
    ]) {
      const response = await client.get(path).loginAs(outsider)
      response.assertStatus(404)
      assert.notInclude(response.text(), card.code.slice(0, 3) + '-')
      assert.include(response.text(), 'Sivua ei löytynyt')
    }
    for (const change of ['extend', 'end', 'withdraw', 'consent']) {
      const response = await client
        .post(urlFor('card_changes.update', { id: card.id, change }))
        .form({ confirm: 'on', revision: '1', submissionKey: randomUUID() })
        .withCsrfToken()
        .loginAs(outsider)
      response.assertStatus(404)
    }
    const untouched = await Card.findOrFail(card.id)
    assert.equal(untouched.status, 'active')
    assert.equal(untouched.revision, 1)
    assert.deepEqual(await events(card), ['issued'])
  })

  test('a card that does not exist gives the same 404', async ({ client }) => {
    const distributor = await createUser('distributor')
    const response = await client.get('/cards/999999').loginAs(distributor)
    response.assertStatus(404)
    response.assertTextIncludes('Sivua ei löytynyt')
  })
})

test.group('Card check service', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('answers the status, card type, valid-until and children count, and nothing else', async ({
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor, { childrenCount: 3 })
    const check = await new CardCheckService().check(card.code)
    assert.deepEqual(Object.keys(check).sort(), ['childrenCount', 'status', 'type', 'validUntil'])
    assert.equal(check.status, 'valid')
    assert.equal(check.childrenCount, 3)
    assert.equal(check.validUntil!.toISODate(), card.validUntil.toISODate())
  })

  test('tells expired, not yet valid and unknown cards apart, for a given day', async ({
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const service = new CardCheckService()
    assert.equal(
      (await service.check(card.code, helsinkiToday().plus({ years: 1, days: 1 }))).status,
      'expired'
    )
    assert.equal(
      (await service.check(card.code, helsinkiToday().plus({ years: 1 }))).status,
      'valid'
    )
    assert.equal(
      (await service.check(card.code, helsinkiToday().minus({ days: 1 }))).status,
      'not_yet_valid'
    )
    assert.deepEqual(await service.check('000000000'), {
      status: 'unknown',
      type: null,
      validUntil: null,
      childrenCount: null,
    })
  })
})
