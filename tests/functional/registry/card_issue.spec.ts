import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import Card from '#registry/models/card'
import CardEvent from '#registry/models/card_event'
import WellbeingResponse from '#surveys/models/wellbeing_response'
import { cardForm, createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'
import { urlFor } from '@adonisjs/core/services/url_builder'

const countCards = async () => Number((await Card.query().count('* as total'))[0].$extras.total)

test.group('Issuing a card', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('the form says plainly that no name is stored, and has no field for one', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const response = await client.get(urlFor('cards.create')).loginAs(distributor)
    response.assertStatus(200)
    response.assertTextIncludes('Kaikukantaan ei tallenneta kortinhaltijan nimeä')
    for (const forbidden of [
      'name="name"',
      'name="firstName"',
      'name="email"',
      'name="phone"',
      'name="address"',
    ]) {
      assert.notInclude(response.text(), forbidden)
    }
  })

  test('a distributor issues a card valid for 12 months, with history and the wellbeing answer', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const response = await client
      .post(urlFor('cards.store'))
      .form(cardForm({ motherTongues: ['fi', 'so'], gender: 'woman', lifeSituation: 'unemployed' }))
      .withCsrfToken()
      .loginAs(distributor)
      .redirects(0)

    const card = await Card.query()
      .where('issuing_organisation_id', distributor.organisationId!)
      .firstOrFail()
    response.assertStatus(302)
    response.assertHeader('location', urlFor('cards.show', { id: card.id }))
    const today = DateTime.now().setZone('Europe/Helsinki')
    assert.equal(card.issuedOn.toISODate(), today.toISODate())
    assert.equal(card.validUntil.toISODate(), today.plus({ years: 1 }).toISODate())
    assert.equal(card.status, 'active')
    assert.equal(card.birthYear, 1980)
    assert.deepEqual(card.motherTongues, ['fi', 'so'])
    assert.isNotNull(card.consentGivenAt)
    const events = await CardEvent.query().where('card_id', card.id)
    assert.deepEqual(
      events.map((event) => [event.kind, event.userId]),
      [['issued', distributor.id]]
    )
    const answers = await WellbeingResponse.query().where('card_id', card.id)
    assert.deepEqual(
      answers.map((answer) => [answer.instrument, answer.rawScore, answer.context]),
      [['swb', 7, 'issue']]
    )

    const page = await client.get(urlFor('cards.show', { id: card.id })).loginAs(distributor)
    page.assertTextIncludes(card.code.slice(0, 3) + '-' + card.code.slice(3, 6))
    page.assertTextIncludes('Rekisteröity')
  })

  test('the wellbeing question may be skipped, and a community card records whose it is', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    await client
      .post(urlFor('cards.store'))
      .form(
        cardForm({
          swb: undefined,
          type: 'community',
          communityRole: 'volunteer',
          childrenCount: '0',
        })
      )
      .withCsrfToken()
      .loginAs(distributor)
    const card = await Card.query()
      .where('issuing_organisation_id', distributor.organisationId!)
      .firstOrFail()
    assert.equal(card.type, 'community')
    assert.equal(card.communityRole, 'volunteer')
    assert.lengthOf(await WellbeingResponse.query().where('card_id', card.id), 0)
  })

  test('in a pilot area the card is valid until the pilot ends', async ({ client, assert }) => {
    const pilotEnd = DateTime.now().plus({ months: 4 }).startOf('day')
    const { area } = await createArea('pilot', pilotEnd)
    const distributor = await createUser('distributor', {
      organisation: await createOrganisation('distributor', area),
    })
    await client.post(urlFor('cards.store')).form(cardForm()).withCsrfToken().loginAs(distributor)
    const card = await Card.query()
      .where('issuing_organisation_id', distributor.organisationId!)
      .firstOrFail()
    assert.equal(card.validUntil.toISODate(), pilotEnd.toISODate())
  })

  test('no card is issued in a pilot area whose pilot has ended', async ({ client, assert }) => {
    const { area } = await createArea('pilot', DateTime.now().minus({ days: 3 }))
    const distributor = await createUser('distributor', {
      organisation: await createOrganisation('distributor', area),
    })
    const response = await client
      .post(urlFor('cards.store'))
      .form(cardForm())
      .withCsrfToken()
      .loginAs(distributor)
      .header('referer', urlFor('cards.create'))
    response.assertTextIncludes('Alueen kokeilu on päättynyt')
    assert.equal(await countCards(), 0)
  })

  const refusals: Array<[string, Record<string, unknown>, string, string]> = [
    ['missing birth year', { birthYear: '' }, 'birthYear', 'Kirjoita syntymävuosi.'],
    ['birth year as text', { birthYear: 'vuosi' }, 'birthYear', 'Kirjoita syntymävuosi numeroina'],
    [
      'holder under 16 by birth year',
      { birthYear: String(DateTime.now().year - 15) },
      'birthYear',
      'kortin voi saada aikaisintaan sinä vuonna, jona täyttää 16',
    ],
    [
      'birth year in the future',
      { birthYear: String(DateTime.now().year + 1) },
      'birthYear',
      'Syntymävuosi ei voi olla tulevaisuudessa.',
    ],
    ['missing postal code', { postalCode: '' }, 'postalCode', 'Kirjoita postinumero.'],
    [
      'malformed postal code',
      { postalCode: '3310' },
      'postalCode',
      'Postinumerossa pitää olla viisi numeroa',
    ],
    ['missing children count', { childrenCount: '' }, 'childrenCount', 'Kirjoita lasten määrä.'],
    [
      'children count over the range',
      { childrenCount: '21' },
      'childrenCount',
      'Lasten määrän pitää olla 0–20.',
    ],
    [
      'negative children count',
      { childrenCount: '-1' },
      'childrenCount',
      'Lasten määrän pitää olla 0–20.',
    ],
    [
      'no consent',
      { consent: undefined },
      'consent',
      'Kortin voi rekisteröidä vain, jos kortinhaltija antaa suostumuksen.',
    ],
    ['wellbeing answer out of range', { swb: '11' }, 'swb', 'Valitse vastaus 0–10'],
    [
      'community card without whose it is',
      { type: 'community' },
      'communityRole',
      'Valitse, kenen käyttöön yhteisön kortti tulee.',
    ],
  ]

  for (const [name, change, field, message] of refusals) {
    test(`refuses ${name}: message next to the field, input kept, nothing written`, async ({
      client,
      assert,
    }) => {
      const distributor = await createUser('distributor')
      const form = cardForm({ postalCode: '33720', ...change })
      const response = await client
        .post(urlFor('cards.store'))
        .form(form)
        .withCsrfToken()
        .loginAs(distributor)
        .header('referer', urlFor('cards.create'))

      response.assertStatus(200)
      assert.match(response.text(), /<title>Virhe: /)
      assert.include(response.text(), `id="${field}-error"`)
      assert.include(response.text(), message)
      assert.include(response.text(), `href="#${field}"`)
      if (field !== 'postalCode') assert.include(response.text(), 'value="33720"')
      assert.equal(await countCards(), 0)
    })
  }

  test('a double-clicked submit issues one card, and both clicks land on it', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const form = cardForm()
    const first = await client
      .post(urlFor('cards.store'))
      .form(form)
      .withCsrfToken()
      .loginAs(distributor)
      .redirects(0)
    const second = await client
      .post(urlFor('cards.store'))
      .form(form)
      .withCsrfToken()
      .loginAs(distributor)
      .redirects(0)
    assert.equal(await countCards(), 1)
    assert.equal(first.header('location'), second.header('location'))
  })

  test('two simultaneous submits of the same form issue one card', async ({ client, assert }) => {
    const distributor = await createUser('distributor')
    const form = cardForm()
    const send = () =>
      client
        .post(urlFor('cards.store'))
        .form(form)
        .withCsrfToken()
        .loginAs(distributor)
        .redirects(0)
    const responses = await Promise.all([send(), send()])
    assert.equal(await countCards(), 1)
    assert.deepEqual(
      responses.map((response) => response.status()),
      [302, 302]
    )
  })

  test('a forged CSRF token is refused and nothing is written', async ({ client, assert }) => {
    const distributor = await createUser('distributor')
    const response = await client
      .post(urlFor('cards.store'))
      .form({ ...cardForm(), _csrf: 'forged-token' })
      .loginAs(distributor)
    response.assertStatus(403)
    response.assertTextIncludes('Lomake on vanhentunut')
    assert.equal(await countCards(), 0)
  })

  test('a missing CSRF token is refused and nothing is written', async ({ client, assert }) => {
    const distributor = await createUser('distributor')
    const response = await client.post(urlFor('cards.store')).form(cardForm()).loginAs(distributor)
    response.assertStatus(403)
    assert.equal(await countCards(), 0)
  })

  test('only distributor users can issue cards', async ({ client, assert }) => {
    for (const role of ['venue', 'ticket_agent', 'area_coordinator', 'admin'] as const) {
      const user = await createUser(role)
      const page = await client.get(urlFor('cards.create')).loginAs(user)
      page.assertStatus(404)
      const post = await client
        .post(urlFor('cards.store'))
        .form(cardForm())
        .withCsrfToken()
        .loginAs(user)
      post.assertStatus(404)
    }
    assert.equal(await countCards(), 0)
  })
})

test.group('Inline validation of the issue form', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('checks one field as it changes and answers with that field, message and value included', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const response = await client
      .post(urlFor('cards.check_field'))
      .form(cardForm({ birthYear: String(DateTime.now().year - 12) }))
      .header('HX-Request', 'true')
      .header('HX-Trigger-Name', 'birthYear')
      .withCsrfToken()
      .loginAs(distributor)
    response.assertStatus(200)
    const field = response
      .text()
      .match(/<div class="field field--error" id="birthYear-field">[\s\S]*?<\/div>/)?.[0]
    assert.exists(field)
    assert.include(field!, 'aikaisintaan sinä vuonna')
    assert.include(field!, `value="${DateTime.now().year - 12}"`)
    assert.equal(await countCards(), 0)
  })

  test('a field that is fine comes back without a message, even if others are not filled yet', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const response = await client
      .post(urlFor('cards.check_field'))
      .form({ birthYear: '1990', postalCode: '' })
      .header('HX-Trigger-Name', 'birthYear')
      .withCsrfToken()
      .loginAs(distributor)
    assert.match(response.text(), /<div class="field " id="birthYear-field">/)
    assert.notInclude(response.text(), 'id="birthYear-error"')
  })
})
