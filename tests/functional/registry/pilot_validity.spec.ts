import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import Card from '#registry/models/card'
import { CARD_VALIDITY_MONTHS } from '#registry/services/card_validity'
import {
  cardForm,
  createArea,
  createOrganisation,
  createUser,
  issueCard,
} from '#tests/helpers/fixtures'

const helsinkiToday = () => DateTime.now().setZone('Europe/Helsinki').startOf('day')

async function pilotDistributor(pilotEndsOn: DateTime) {
  const { area } = await createArea('pilot', pilotEndsOn)
  const distributor = await createUser('distributor', {
    organisation: await createOrganisation('distributor', area),
  })
  return { area, distributor }
}

const extendForm = (card: Card) => ({
  revision: String(card.revision),
  submissionKey: randomUUID(),
  swb: '8',
})

test.group('Card validity in a pilot area', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a pilot ending sooner than {months} months: the card ends with the pilot')
    .with([{ months: CARD_VALIDITY_MONTHS }])
    .run(async ({ client, assert }) => {
      const pilotEnd = helsinkiToday().plus({ months: 4 })
      const { distributor } = await pilotDistributor(pilotEnd)
      await client.post(urlFor('cards.store')).form(cardForm()).withCsrfToken().loginAs(distributor)
      const card = await Card.findByOrFail('issuing_organisation_id', distributor.organisationId)
      assert.equal(card.validUntil.toISODate(), pilotEnd.toISODate())
    })

  test('a pilot ending later than {months} months: the card is valid until the pilot ends')
    .with([{ months: CARD_VALIDITY_MONTHS }])
    .run(async ({ client, assert }) => {
      const pilotEnd = helsinkiToday().plus({ months: CARD_VALIDITY_MONTHS + 7 })
      const { distributor } = await pilotDistributor(pilotEnd)
      await client.post(urlFor('cards.store')).form(cardForm()).withCsrfToken().loginAs(distributor)
      const card = await Card.findByOrFail('issuing_organisation_id', distributor.organisationId)
      assert.equal(card.validUntil.toISODate(), pilotEnd.toISODate())
    })

  test('an extension in a pilot area also runs to the end of the pilot', async ({
    client,
    assert,
  }) => {
    const pilotEnd = helsinkiToday().plus({ months: CARD_VALIDITY_MONTHS + 3 })
    const { distributor } = await pilotDistributor(pilotEnd)
    const card = await issueCard(distributor)
    await Card.query().where('id', card.id).update({ valid_until: '2020-01-01' })

    const form = await client
      .get(urlFor('card_changes.edit', { id: card.id, change: 'extend' }))
      .loginAs(distributor)
    form.assertTextIncludes(pilotEnd.toFormat('d.M.yyyy'))
    await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'extend' }))
      .form(extendForm(card))
      .withCsrfToken()
      .loginAs(distributor)
    assert.equal((await card.refresh()).validUntil.toISODate(), pilotEnd.toISODate())
  })

  test(
    'when the area moves from pilot to in use, cards keep their date; an extension gives {months} months'
  )
    .with([{ months: CARD_VALIDITY_MONTHS }])
    .run(async ({ client, assert }) => {
      const pilotEnd = helsinkiToday().plus({ months: CARD_VALIDITY_MONTHS + 6 })
      const { area, distributor } = await pilotDistributor(pilotEnd)
      const card = await issueCard(distributor)
      const admin = await createUser('admin')

      await client
        .post(urlFor('areas.update', { id: area.id }, { qs: { _method: 'PUT' } }))
        .form({ name: area.name, status: 'in_use' })
        .withCsrfToken()
        .loginAs(admin)
      await area.refresh()
      assert.equal(area.status, 'in_use')
      assert.equal((await card.refresh()).validUntil.toISODate(), pilotEnd.toISODate())

      await client
        .post(urlFor('card_changes.update', { id: card.id, change: 'extend' }))
        .form(extendForm(card))
        .withCsrfToken()
        .loginAs(distributor)
      assert.equal(
        (await card.refresh()).validUntil.toISODate(),
        helsinkiToday().plus({ months: CARD_VALIDITY_MONTHS }).toISODate()
      )
    })

  test('after the pilot has ended a card is neither issued nor extended', async ({
    client,
    assert,
  }) => {
    const { area, distributor } = await pilotDistributor(helsinkiToday().plus({ days: 10 }))
    const card = await issueCard(distributor)
    area.pilotEndsOn = helsinkiToday().minus({ days: 1 })
    await area.save()

    const issued = await client
      .post(urlFor('cards.store'))
      .form(cardForm())
      .withCsrfToken()
      .loginAs(distributor)
      .header('referer', urlFor('cards.create'))
    issued.assertTextIncludes('Alueen kokeilu on päättynyt')
    assert.lengthOf(
      await Card.query().where('issuing_organisation_id', distributor.organisationId!),
      1
    )

    const extended = await client
      .post(urlFor('card_changes.update', { id: card.id, change: 'extend' }))
      .form(extendForm(card))
      .withCsrfToken()
      .loginAs(distributor)
    extended.assertTextIncludes('Alueen kokeilu on päättynyt')
    assert.equal(
      (await card.refresh()).validUntil.toISODate(),
      helsinkiToday().plus({ days: 10 }).toISODate()
    )
  })

  for (const [locale, text] of [
    ['fi', 'kokeilun päättymiseen asti'],
    ['sv', 'tills försöket slutar'],
    ['en', 'until the pilot ends'],
  ] as const) {
    test(`the area's page says how long its cards are valid (${locale})`, async ({ client }) => {
      const { area } = await createArea('pilot', helsinkiToday().plus({ months: 5 }))
      const coordinator = await createUser('area_coordinator', { area })
      const response = await client
        .get(urlFor('areas.show', { id: area.id }))
        .withPlainCookie('kaikukanta-locale', locale)
        .loginAs(coordinator)
      response.assertTextIncludes(text)
      response.assertTextIncludes(String(CARD_VALIDITY_MONTHS))
    })
  }
})
