import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import Card from '#registry/models/card'
import CardEvent from '#registry/models/card_event'
import Organisation from '#registry/models/organisation'
import User from '#registry/models/user'
import CardUse from '#usage/models/card_use'
import { CARD_VALIDITY_MONTHS } from '#registry/services/card_validity'
import { formatCardCode } from '#registry/services/card_code'
import { issuePartnerCard } from '#registry/services/partner_cards'
import { createArea, createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, registrationForm } from '#tests/helpers/offer_fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'

const helsinkiToday = () => DateTime.now().setZone('Europe/Helsinki').startOf('day')

/** An area with its coordinator and a partner organisation. */
async function partnerScene() {
  const { area } = await createArea()
  const coordinator = await createUser('area_coordinator', { area })
  const partner = await createOrganisation('partner', area)
  return { area, coordinator, partner }
}

const issueForm = () => ({ submissionKey: randomUUID() })

test.group('Community cards for partner organisations', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a coordinator proposes a partner organisation in their area; community cards once it is approved', async ({
    client,
    assert,
  }) => {
    const { area, coordinator } = await partnerScene()
    const form = await client.get(urlFor('organisations.create')).loginAs(coordinator)
    form.assertTextIncludes('value="partner"')
    await client
      .post(urlFor('organisations.store'))
      .form({ name: 'Kulttuurikaverit ry', type: 'partner', active: 'true' })
      .withCsrfToken()
      .loginAs(coordinator)
    const created = await Organisation.findByOrFail('name', 'Kulttuurikaverit ry')
    assert.equal(created.type, 'partner')
    assert.equal(created.areaId, area.id)

    const page = await client
      .get(urlFor('organisations.show', { id: created.id }))
      .loginAs(coordinator)
    page.assertTextIncludes('Kumppaniorganisaatio')
    page.assertTextIncludes('Ehdotus odottaa Kaikukeskuksen päätöstä.')
    assert.notInclude(page.text(), 'Anna yhteisön kortti')
    // Nor by the form's address: refused in words, no card.
    const early = await client
      .post(urlFor('partner_cards.store', { id: created.id }))
      .form(issueForm())
      .withCsrfToken()
      .header('referer', urlFor('partner_cards.create', { id: created.id }))
      .loginAs(coordinator)
    early.assertTextIncludes('Kumppani ei ole mukana verkostossa')
    assert.lengthOf(await Card.query().where('issuing_organisation_id', created.id), 0)

    await Organisation.query().where('id', created.id).update({ approval: 'approved' })
    const approved = await client
      .get(urlFor('organisations.show', { id: created.id }))
      .loginAs(coordinator)
    approved.assertTextIncludes('Anna yhteisön kortti')
  })

  test('the coordinator issues a community card to a partner; it shows on the organisation page', async ({
    client,
    assert,
  }) => {
    const { coordinator, partner } = await partnerScene()
    const form = await client
      .get(urlFor('partner_cards.create', { id: partner.id }))
      .loginAs(coordinator)
    form.assertStatus(200)
    const response = await client
      .post(urlFor('partner_cards.store', { id: partner.id }))
      .form(issueForm())
      .withCsrfToken()
      .loginAs(coordinator)
      .redirects(0)
    response.assertHeader('location', urlFor('organisations.show', { id: partner.id }))

    const card = await Card.findByOrFail('issuing_organisation_id', partner.id)
    assert.equal(card.type, 'community')
    assert.equal(card.communityRole, 'partner')
    assert.isNull(card.birthYear)
    assert.isNull(card.postalCode)
    assert.equal(
      card.validUntil.toISODate(),
      helsinkiToday().plus({ months: CARD_VALIDITY_MONTHS }).toISODate()
    )
    const event = await CardEvent.findByOrFail('card_id', card.id)
    assert.equal(event.kind, 'issued')
    assert.equal(event.userId, coordinator.id)

    const page = await client
      .get(urlFor('organisations.show', { id: partner.id }))
      .loginAs(coordinator)
    page.assertTextIncludes(formatCardCode(card.code))
    page.assertTextIncludes('Yhteisön kortti')
  })

  test("the coordinator extends and ends a partner's card, each confirmed", async ({
    client,
    assert,
  }) => {
    const { coordinator, partner } = await partnerScene()
    const card = await issuePartnerCard(partner, coordinator, randomUUID())
    await Card.query().where('id', card.id).update({ valid_until: '2020-01-01' })
    const change = (name: 'extend' | 'end') => ({ id: partner.id, cardId: card.id, change: name })

    const form = await client
      .get(urlFor('partner_card_changes.edit', change('extend')))
      .loginAs(coordinator)
    form.assertStatus(200)
    form.assertTextIncludes(formatCardCode(card.code))
    await client
      .post(urlFor('partner_card_changes.update', change('extend')))
      .form({ confirm: 'on', revision: '1', submissionKey: randomUUID() })
      .withCsrfToken()
      .loginAs(coordinator)
    await card.refresh()
    assert.equal(
      card.validUntil.toISODate(),
      helsinkiToday().plus({ months: CARD_VALIDITY_MONTHS }).toISODate()
    )

    const unconfirmed = await client
      .post(urlFor('partner_card_changes.update', change('end')))
      .form({ revision: String(card.revision), submissionKey: randomUUID() })
      .withCsrfToken()
      .loginAs(coordinator)
      .header('referer', urlFor('partner_card_changes.edit', change('end')))
    unconfirmed.assertTextIncludes('id="confirm-error"')
    assert.equal((await card.refresh()).status, 'active')

    await client
      .post(urlFor('partner_card_changes.update', change('end')))
      .form({ confirm: 'on', revision: String(card.revision), submissionKey: randomUUID() })
      .withCsrfToken()
      .loginAs(coordinator)
    assert.equal((await card.refresh()).status, 'ended')
    assert.deepEqual(
      (await CardEvent.query().where('card_id', card.id).orderBy('id')).map((e) => e.kind),
      ['issued', 'extended', 'ended']
    )

    const other = await createUser('area_coordinator')
    ;(
      await client.get(urlFor('partner_card_changes.edit', change('extend'))).loginAs(other)
    ).assertStatus(404)
  })

  test('a double submit gives one card', async ({ client, assert }) => {
    const { coordinator, partner } = await partnerScene()
    const form = issueForm()
    for (let i = 0; i < 2; i++) {
      await client
        .post(urlFor('partner_cards.store', { id: partner.id }))
        .form(form)
        .withCsrfToken()
        .loginAs(coordinator)
    }
    assert.lengthOf(await Card.query().where('issuing_organisation_id', partner.id), 1)
  })

  test("only the area's coordinator or the national centre issues, and only to a partner", async ({
    client,
    assert,
  }) => {
    const { area, partner } = await partnerScene()
    const otherCoordinator = await createUser('area_coordinator')
    const distributor = await createUser('distributor', {
      organisation: await createOrganisation('distributor', area),
    })
    const ownCoordinator = await createUser('area_coordinator', { area })
    const venue = await createOrganisation('venue', area)

    for (const [user, id] of [
      [otherCoordinator, partner.id],
      [distributor, partner.id],
      [ownCoordinator, venue.id],
    ] as const) {
      const response = await client
        .post(urlFor('partner_cards.store', { id }))
        .form(issueForm())
        .withCsrfToken()
        .loginAs(user)
      response.assertStatus(404)
    }
    assert.lengthOf(
      await Card.query().whereIn('issuing_organisation_id', [partner.id, venue.id]),
      0
    )

    await client
      .post(urlFor('partner_cards.store', { id: partner.id }))
      .form(issueForm())
      .withCsrfToken()
      .loginAs(await createUser('admin'))
    assert.lengthOf(await Card.query().where('issuing_organisation_id', partner.id), 1)
  })

  test('in a pilot area the card runs to the pilot end; after the pilot none is given', async ({
    client,
    assert,
  }) => {
    const pilotEnd = helsinkiToday().plus({ months: CARD_VALIDITY_MONTHS + 2 })
    const { area } = await createArea('pilot', pilotEnd)
    const coordinator = await createUser('area_coordinator', { area })
    const partner = await createOrganisation('partner', area)
    const card = await issuePartnerCard(partner, coordinator, randomUUID())
    assert.equal(card.validUntil.toISODate(), pilotEnd.toISODate())

    area.pilotEndsOn = helsinkiToday().minus({ days: 1 })
    await area.save()
    const refused = await client
      .post(urlFor('partner_cards.store', { id: partner.id }))
      .form(issueForm())
      .withCsrfToken()
      .loginAs(coordinator)
    refused.assertTextIncludes('Alueen kokeilu on päättynyt')
    assert.lengthOf(await Card.query().where('issuing_organisation_id', partner.id), 1)
  })

  test('a coordinator gives a partner a user with the partner role, not to another kind', async ({
    client,
    assert,
  }) => {
    const { area, coordinator, partner } = await partnerScene()
    const form = await client.get(urlFor('users.create')).loginAs(coordinator)
    form.assertTextIncludes(partner.name)
    form.assertTextIncludes('Kumppanin käyttäjä')

    await client
      .post(urlFor('users.store'))
      .form({
        fullName: 'Kaisa Kumppani',
        email: 'kaisa@kumppani.example.fi',
        role: 'partner',
        organisationId: String(partner.id),
      })
      .withCsrfToken()
      .loginAs(coordinator)
    const user = await User.findByOrFail('email', 'kaisa@kumppani.example.fi')
    assert.equal(user.role, 'partner')
    assert.equal(user.organisationId, partner.id)

    const distributorOrganisation = await createOrganisation('distributor', area)
    const refused = await client
      .post(urlFor('users.store'))
      .form({
        fullName: 'Väärä Paikka',
        email: 'vaara@example.fi',
        role: 'partner',
        organisationId: String(distributorOrganisation.id),
      })
      .withCsrfToken()
      .loginAs(coordinator)
      .header('referer', urlFor('users.create'))
    refused.assertStatus(200)
    assert.isNull(await User.findBy('email', 'vaara@example.fi'))
  })

  test("a partner's user sees their organisation's community cards, and has no box-office access", async ({
    client,
    assert,
  }) => {
    const { coordinator, partner, area } = await partnerScene()
    const card = await issuePartnerCard(partner, coordinator, randomUUID())
    const otherPartner = await createOrganisation('partner', area)
    const otherCard = await issuePartnerCard(otherPartner, coordinator, randomUUID())
    const partnerUser = await createUser('partner', { organisation: partner })

    const home = await client.get(urlFor('home.show')).loginAs(partnerUser)
    home.assertTextIncludes(urlFor('partner_cards.index'))
    const page = await client.get(urlFor('partner_cards.index')).loginAs(partnerUser)
    page.assertStatus(200)
    page.assertTextIncludes(formatCardCode(card.code))
    page.assertTextIncludes('Yhteisön Kaikukortti')
    assert.notInclude(page.text(), formatCardCode(otherCard.code))

    for (const name of ['registrations.create', 'cards.index', 'organisations.index'] as const) {
      ;(await client.get(urlFor(name)).loginAs(partnerUser)).assertStatus(404)
    }
    ;(await client.get(urlFor('partner_cards.index')).loginAs(coordinator)).assertStatus(404)
  })

  for (const [locale, title, type] of [
    ['fi', 'Organisaation yhteisön kortit', 'Yhteisön kortti'],
    ['sv', 'Organisationens gemenskapskort', 'Gemenskapskort'],
    ['en', 'Your organisation&#x27;s community cards', 'Community card'],
  ] as const) {
    test(`the partner's page says community card in words (${locale})`, async ({ client }) => {
      const { coordinator, partner } = await partnerScene()
      await issuePartnerCard(partner, coordinator, randomUUID())
      const partnerUser = await createUser('partner', { organisation: partner })
      const page = await client
        .get(urlFor('partner_cards.index'))
        .withPlainCookie('kaikukanta-locale', locale)
        .loginAs(partnerUser)
      page.assertTextIncludes(title)
      page.assertTextIncludes(type)
    })
  }

  test('at any venue the box office registers the partner card as a community card, in words', async ({
    client,
    assert,
  }) => {
    const { coordinator, partner } = await partnerScene()
    const card = await issuePartnerCard(partner, coordinator, randomUUID())
    // A venue in another area: the card works everywhere.
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const occurrence = await createOccurrence(await createOffer(venue))
    const choice = `occurrence-${occurrence.id}`

    const refused = await client
      .post(urlFor('registrations.store'))
      .form(registrationForm(card.code, choice))
      .withCsrfToken()
      .loginAs(venueUser)
    refused.assertTextIncludes('Yhteisökortilla pääsee')

    const registered = await client
      .post(urlFor('registrations.store'))
      .form(registrationForm(card.code, choice, { groupSize: '4' }))
      .withCsrfToken()
      .loginAs(venueUser)
    registered.assertTextIncludes(
      `Kirjattu: kortti ${formatCardCode(card.code)} (yhteisön kortti), 4 hengen ryhmä`
    )
    const use = await CardUse.findByOrFail('card_code', card.code)
    assert.equal(use.groupSize, 4)
  })

  test('the box office names a personal card as such', async ({ client }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const occurrence = await createOccurrence(await createOffer(venue))
    const card = await issueCard(await createUser('distributor'))
    for (const [locale, text] of [
      ['fi', 'henkilökohtainen kortti'],
      ['sv', 'personligt kort'],
      ['en', 'personal card'],
    ] as const) {
      const response = await client
        .post(urlFor('registrations.store'))
        .form(registrationForm(card.code, `occurrence-${occurrence.id}`))
        .withCsrfToken()
        .withPlainCookie('kaikukanta-locale', locale)
        .loginAs(venueUser)
      response.assertTextIncludes(text)
    }
  })

  test('OmaKaiku says community card plainly', async ({ client }) => {
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor, { type: 'community', communityRole: 'volunteer' })
    const account = await createHolder(card)
    const holder = await HolderBrowser.signedIn(client, account.email)
    const page = await holder.get(urlFor('my_card.show'))
    page.assertTextIncludes('Yhteisön Kaikukortti')
    page.assertTextIncludes('Tämä on yhteisön kortti')
  })
})
