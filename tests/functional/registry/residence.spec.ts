import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Card from '#registry/models/card'
import Municipality from '#registry/models/municipality'
import type Area from '#registry/models/area'
import { postalCodesOf, replacePostalCodes } from '#registry/services/area_postal_codes'
import { cardForm, createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'

async function distributorIn(area: Area) {
  return createUser('distributor', { organisation: await createOrganisation('distributor', area) })
}

const cardsOf = (organisationId: number) =>
  Card.query().where('issuing_organisation_id', organisationId)

test.group('Residence: the card is for residents of the area', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  for (const [locale, label] of [
    ['fi', 'Kortinhaltija asuu jossakin näistä kunnista'],
    ['sv', 'Kortinnehavaren bor i någon av de här kommunerna'],
    ['en', 'The holder lives in one of these municipalities'],
  ] as const) {
    test(`the card form names the area's municipalities and asks to confirm residence (${locale})`, async ({
      client,
    }) => {
      const { area, municipality } = await createArea()
      const distributor = await distributorIn(area)
      const response = await client
        .get(urlFor('cards.create'))
        .withPlainCookie('kaikukanta-locale', locale)
        .loginAs(distributor)
      response.assertStatus(200)
      response.assertTextIncludes(municipality.name)
      response.assertTextIncludes(label)
      response.assertTextIncludes('name="residesInArea"')
    })
  }

  test('without the residence confirmation no card is issued; the error says why, the input stays', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const distributor = await distributorIn(area)
    const response = await client
      .post(urlFor('cards.store'))
      .form(cardForm({ residesInArea: undefined, postalCode: '33210' }))
      .withCsrfToken()
      .loginAs(distributor)
      .header('referer', urlFor('cards.create'))
    response.assertTextIncludes('id="residesInArea-error"')
    response.assertTextIncludes('Vahvista, että kortinhaltija asuu jossakin alueen kunnista')
    response.assertTextIncludes('value="33210"')
    assert.lengthOf(await cardsOf(distributor.organisationId!), 0)
  })

  test('with no postal codes given, any postal code is issued without a second question', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const distributor = await distributorIn(area)
    await client
      .post(urlFor('cards.store'))
      .form(cardForm({ postalCode: '00100' }))
      .withCsrfToken()
      .loginAs(distributor)
    assert.lengthOf(await cardsOf(distributor.organisationId!), 1)
  })

  test("a postal code among the area's is issued at once", async ({ client, assert }) => {
    const { area } = await createArea()
    await replacePostalCodes(area.id, ['33100', '33200'])
    const distributor = await distributorIn(area)
    await client
      .post(urlFor('cards.store'))
      .form(cardForm({ postalCode: '33200' }))
      .withCsrfToken()
      .loginAs(distributor)
    assert.lengthOf(await cardsOf(distributor.organisationId!), 1)
  })

  test('a postal code outside the area asks again, keeping the input; confirming issues the card', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    await replacePostalCodes(area.id, ['33100', '33200'])
    const distributor = await distributorIn(area)
    const form = cardForm({ postalCode: '00100', birthYear: '1977', childrenCount: '2' })

    const asked = await client
      .post(urlFor('cards.store'))
      .form(form)
      .withCsrfToken()
      .loginAs(distributor)
    asked.assertTextIncludes('00100 ei ole alueen postinumeroita — rekisteröidäänkö kortti silti?')
    asked.assertTextIncludes('name="postalCodeConfirmed"')
    asked.assertTextIncludes('value="1977"')
    asked.assertTextIncludes('value="2"')
    assert.lengthOf(await cardsOf(distributor.organisationId!), 0)

    await client
      .post(urlFor('cards.store'))
      .form({ ...form, postalCodeConfirmed: '00100' })
      .withCsrfToken()
      .loginAs(distributor)
    const cards = await cardsOf(distributor.organisationId!)
    assert.lengthOf(cards, 1)
    assert.equal(cards[0].postalCode, '00100')
  })

  test('a confirmation of another postal code than the one typed asks again', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    await replacePostalCodes(area.id, ['33100'])
    const distributor = await distributorIn(area)
    const response = await client
      .post(urlFor('cards.store'))
      .form(cardForm({ postalCode: '00200', postalCodeConfirmed: '00100' }))
      .withCsrfToken()
      .loginAs(distributor)
    response.assertTextIncludes('00200 ei ole alueen postinumeroita')
    assert.lengthOf(await cardsOf(distributor.organisationId!), 0)
  })

  for (const [locale, question] of [
    ['sv', '00100 är inte ett av områdets postnummer — registrera kortet ändå?'],
    ['en', "00100 is not one of this area's postal codes — issue anyway?"],
  ] as const) {
    test(`the second question in ${locale}`, async ({ client }) => {
      const { area } = await createArea()
      await replacePostalCodes(area.id, ['33100'])
      const distributor = await distributorIn(area)
      const response = await client
        .post(urlFor('cards.store'))
        .form(cardForm({ postalCode: '00100' }))
        .withCsrfToken()
        .withPlainCookie('kaikukanta-locale', locale)
        .loginAs(distributor)
      response.assertTextIncludes(question.replace("'", '&#x27;'))
    })
  }
})

test.group("An area's postal codes", (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('the coordinator gives their area its postal codes as a list; the area page shows them', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const form = await client
      .get(urlFor('area_postal_codes.edit', { id: area.id }))
      .loginAs(coordinator)
    form.assertStatus(200)
    form.assertTextIncludes('name="postalCodes"')

    await client
      .post(urlFor('area_postal_codes.update', { id: area.id }))
      .form({ postalCodes: '33200, 33100\n33100 33300' })
      .withCsrfToken()
      .loginAs(coordinator)
    assert.deepEqual(await postalCodesOf(area.id), ['33100', '33200', '33300'])

    const page = await client.get(urlFor('areas.show', { id: area.id })).loginAs(coordinator)
    page.assertTextIncludes('33100, 33200, 33300')
  })

  test('a list with something else than postal codes is refused in words and kept', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    await replacePostalCodes(area.id, ['33100'])
    const coordinator = await createUser('area_coordinator', { area })
    const response = await client
      .post(urlFor('area_postal_codes.update', { id: area.id }))
      .form({ postalCodes: '33200 331 abcde' })
      .withCsrfToken()
      .loginAs(coordinator)
    response.assertTextIncludes('Nämä eivät ole postinumeroita (viisi numeroa): 331, abcde')
    response.assertTextIncludes('33200 331 abcde')
    assert.deepEqual(await postalCodesOf(area.id), ['33100'])
  })

  test('an empty list removes the codes; the national centre may edit any area', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    await replacePostalCodes(area.id, ['33100'])
    await client
      .post(urlFor('area_postal_codes.update', { id: area.id }))
      .form({ postalCodes: '' })
      .withCsrfToken()
      .loginAs(await createUser('admin'))
    assert.deepEqual(await postalCodesOf(area.id), [])
  })

  test("another area's coordinator and a distributor find no such page", async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const other = await createUser('area_coordinator')
    ;(
      await client.get(urlFor('area_postal_codes.edit', { id: area.id })).loginAs(other)
    ).assertStatus(404)
    const refused = await client
      .post(urlFor('area_postal_codes.update', { id: area.id }))
      .form({ postalCodes: '00100' })
      .withCsrfToken()
      .loginAs(other)
    refused.assertStatus(404)
    const distributor = await distributorIn(area)
    ;(
      await client.get(urlFor('area_postal_codes.edit', { id: area.id })).loginAs(distributor)
    ).assertStatus(404)
    assert.deepEqual(await postalCodesOf(area.id), [])
    assert.isNotNull(await Municipality.findBy('area_id', area.id))
  })
})
