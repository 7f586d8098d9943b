import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import Municipality from '#registry/models/municipality'
import type User from '#registry/models/user'
import { publicTotals } from '#stats/services/public_totals'
import { createArea, createOrganisation, createUser, PASSWORD } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer } from '#tests/helpers/offer_fixtures'
import { toSqlDateTime } from '#core/services/time'
import { organisationImport } from '#registry/services/organisation_import'
import { realRun, table } from '#tests/helpers/import_kinds'

/* Organisations' life cycle (issue 21, docs/NETWORK.md): proposals, decisions, commitments. */

/** A coordinator with an area and a municipality in it. */
async function coordinatorScene() {
  const { area, municipality } = await createArea()
  const coordinator = await createUser('area_coordinator', { area })
  return { area, municipality, coordinator }
}

async function propose(
  client: any,
  coordinator: User,
  form: Record<string, unknown>,
  submissionKey = randomUUID()
) {
  return client
    .post(urlFor('organisations.store'))
    .form({ active: 'true', submissionKey, ...form })
    .withCsrfToken()
    .loginAs(coordinator)
    .redirects(0)
}

async function decide(client: any, admin: User, organisation: Organisation, form: object) {
  return client
    .post(urlFor('proposal_decisions.store', { id: organisation.id }))
    .form(form)
    .withCsrfToken()
    .loginAs(admin)
    .header('referer', urlFor('organisations.show', { id: organisation.id }))
}

const signIn = (client: any, user: User) =>
  client
    .post(urlFor('session.store'))
    .form({ email: user.email, password: PASSWORD })
    .withCsrfToken()
    .redirects(0)

/** Whether an already open session still works: otherwise it is signed out and sent to sign in. */
async function openSessionWorks(client: any, user: User) {
  const response = await client.get(urlFor('home.show')).loginAs(user).redirects(0)
  return response.status() === 200
}

const setProposedAt = (organisation: Organisation, day: string) =>
  Organisation.query()
    .where('id', organisation.id)
    .update({ proposed_at: toSqlDateTime(DateTime.fromISO(`${day}T10:00:00`)) })

test.group('Organisation proposals', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test("a coordinator's new organisation is a proposal; a double submit makes one", async ({
    client,
    assert,
  }) => {
    const { area, municipality, coordinator } = await coordinatorScene()
    const key = randomUUID()
    const form = {
      name: 'Ehdotettu perhekeskus',
      type: 'distributor',
      distributorCategory: 'family_services',
      municipalityId: municipality.id,
    }
    const first = await propose(client, coordinator, form, key)
    const second = await propose(client, coordinator, form, key)
    const created = await Organisation.query().where('name', 'Ehdotettu perhekeskus')
    assert.lengthOf(created, 1)
    const proposal = created[0]
    assert.equal(proposal.approval, 'proposed')
    assert.equal(proposal.areaId, area.id)
    assert.equal(proposal.proposedByUserId, coordinator.id)
    const show = urlFor('organisations.show', { id: proposal.id })
    first.assertHeader('location', show)
    second.assertHeader('location', show)

    const page = await client.get(show).loginAs(coordinator)
    page.assertTextIncludes('Ehdotettu, odottaa Kaikukeskusta')
    page.assertTextIncludes('Ehdotus odottaa Kaikukeskuksen päätöstä.')
    assert.notInclude(page.text(), 'Tallenna päätös', 'a coordinator is not offered the decision')

    const home = await client.get(urlFor('home.show')).loginAs(coordinator)
    home.assertTextIncludes('1 ehdotuksesi odottaa Kaikukeskusta')
  })

  test('the national centre sees the proposals, with a count on its home page; its own organisations are approved at once', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { municipality, coordinator } = await coordinatorScene()
    await propose(client, coordinator, {
      name: 'Odottava teatteri',
      type: 'venue',
      venueCategory: 'theatre',
      municipalityId: municipality.id,
    })
    const home = await client.get(urlFor('home.show')).loginAs(admin)
    assert.match(home.text(), /\d+ ehdotus(ta)? odottaa päätöstäsi/)
    const list = await client
      .get(urlFor('organisations.index', {}, { qs: { approval: 'proposed' } }))
      .loginAs(admin)
    list.assertTextIncludes('Odottava teatteri')

    await client
      .post(urlFor('organisations.store'))
      .form({ name: 'Keskuksen kohde', type: 'venue', venueCategory: 'museum', active: 'true' })
      .withCsrfToken()
      .loginAs(admin)
    const own = await Organisation.findByOrFail('name', 'Keskuksen kohde')
    assert.equal(own.approval, 'approved')
    assert.equal(own.decidedByUserId, admin.id)
    const proposals = await client
      .get(urlFor('organisations.index', {}, { qs: { approval: 'proposed' } }))
      .loginAs(admin)
    assert.notInclude(proposals.text(), 'Keskuksen kohde')
  })

  test("a proposed organisation's user is refused at sign-in and in an open session; approval lets them in", async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { municipality, coordinator } = await coordinatorScene()
    await propose(client, coordinator, {
      name: 'Uusi jakaja',
      type: 'distributor',
      distributorCategory: 'social_services',
      municipalityId: municipality.id,
    })
    const proposal = await Organisation.findByOrFail('name', 'Uusi jakaja')
    const user = await createUser('distributor', { organisation: proposal })

    const refused = await signIn(client, user)
    refused.assertHeader('location', urlFor('session.create'))
    assert.isFalse(await openSessionWorks(client, user))

    const approved = await decide(client, admin, proposal, { decision: 'approve' })
    approved.assertTextIncludes('Ehdotus on hyväksytty.')
    await proposal.refresh()
    assert.equal(proposal.approval, 'approved')
    assert.equal(proposal.decidedByUserId, admin.id)

    const welcome = await signIn(client, user)
    welcome.assertHeader('location', urlFor('home.show'))
    assert.isTrue(await openSessionWorks(client, user))
  })

  test("a declined organisation's user is refused; declining needs a reason, which the coordinator sees", async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area, coordinator } = await coordinatorScene()
    const organisation = await createOrganisation('venue', area)
    await Organisation.query().where('id', organisation.id).update({ approval: 'proposed' })
    const user = await createUser('venue', { organisation })

    const noReason = await decide(client, admin, organisation, { decision: 'decline', reason: '' })
    noReason.assertTextIncludes('Kirjoita hylkäämisen syy.')
    assert.equal((await Organisation.findOrFail(organisation.id)).approval, 'proposed')

    const declined = await decide(client, admin, organisation, {
      decision: 'decline',
      reason: 'Kohde ei tarjoa kulttuuria.',
    })
    declined.assertTextIncludes('Ehdotus on hylätty.')
    const signInResponse = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
    signInResponse.assertTextIncludes('Sähköpostiosoite tai salasana on väärin.')
    assert.isFalse(await openSessionWorks(client, user))

    const page = await client
      .get(urlFor('organisations.show', { id: organisation.id }))
      .loginAs(coordinator)
    page.assertTextIncludes('Hylätty')
    page.assertTextIncludes('Kohde ei tarjoa kulttuuria.')

    // Saved again by the coordinator, it is proposed again.
    await client
      .put(urlFor('organisations.update', { id: organisation.id }))
      .form({ name: organisation.name, type: 'venue', venueCategory: 'theatre', active: 'true' })
      .withCsrfToken()
      .loginAs(coordinator)
    const again = await Organisation.findOrFail(organisation.id)
    assert.equal(again.approval, 'proposed')
    assert.isNull(again.declineReason)
  })

  test('a double approval is one; approving a declined proposal is refused with a message', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area } = await coordinatorScene()
    const first = await createOrganisation('distributor', area)
    const second = await createOrganisation('distributor', area)
    await Organisation.query().whereIn('id', [first.id, second.id]).update({ approval: 'proposed' })

    await decide(client, admin, first, { decision: 'approve' })
    const decidedAt = (await Organisation.findOrFail(first.id)).decidedAt!.toISO()
    const twice = await decide(client, admin, first, { decision: 'approve' })
    twice.assertTextIncludes('Ehdotus on jo hyväksytty, joten päätöstä ei tallennettu uudelleen.')
    assert.equal((await Organisation.findOrFail(first.id)).decidedAt!.toISO(), decidedAt)

    await decide(client, admin, second, { decision: 'decline', reason: 'Ei alueella.' })
    const stale = await decide(client, admin, second, { decision: 'approve' })
    stale.assertTextIncludes('Ehdotus on jo hylätty')
    assert.equal((await Organisation.findOrFail(second.id)).approval, 'declined')
  })

  test('a partner proposed mid-year needs the explicit yes; one proposed for the turn of the year does not', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { coordinator } = await coordinatorScene()
    await propose(client, coordinator, { name: 'Kesken vuoden ry', type: 'partner' })
    await propose(client, coordinator, { name: 'Vuodenvaihde ry', type: 'partner' })
    const midYear = await Organisation.findByOrFail('name', 'Kesken vuoden ry')
    const turnOfYear = await Organisation.findByOrFail('name', 'Vuodenvaihde ry')
    await setProposedAt(midYear, '2026-06-15')
    await setProposedAt(turnOfYear, '2026-11-15')

    const page = await client.get(urlFor('organisations.show', { id: midYear.id })).loginAs(admin)
    page.assertTextIncludes('Liittyminen kesken vuoden')
    page.assertTextIncludes('ennen 1.10.2026')

    const withoutYes = await decide(client, admin, midYear, { decision: 'approve' })
    withoutYes.assertTextIncludes('Rastita, että hyväksyt kumppanin liittymisen kesken vuoden')
    assert.equal((await Organisation.findOrFail(midYear.id)).approval, 'proposed')

    await decide(client, admin, midYear, { decision: 'approve', midYearConfirmed: 'true' })
    const approved = await Organisation.findOrFail(midYear.id)
    assert.equal(approved.approval, 'approved')
    assert.isTrue(Boolean(approved.midYearConfirmed))

    const other = await client
      .get(urlFor('organisations.show', { id: turnOfYear.id }))
      .loginAs(admin)
    assert.notInclude(other.text(), 'Liittyminen kesken vuoden')
    await decide(client, admin, turnOfYear, { decision: 'approve' })
    assert.equal((await Organisation.findOrFail(turnOfYear.id)).approval, 'approved')
  })

  test("a coordinator cannot decide; another area's proposal is not found", async ({
    client,
    assert,
  }) => {
    const { area, coordinator } = await coordinatorScene()
    const own = await createOrganisation('venue', area)
    const foreign = await createOrganisation('venue')
    await Organisation.query().whereIn('id', [own.id, foreign.id]).update({ approval: 'proposed' })

    const decision = await client
      .post(urlFor('proposal_decisions.store', { id: own.id }))
      .form({ decision: 'approve' })
      .withCsrfToken()
      .loginAs(coordinator)
    decision.assertStatus(404)
    assert.equal((await Organisation.findOrFail(own.id)).approval, 'proposed')

    const page = await client
      .get(urlFor('organisations.show', { id: foreign.id }))
      .loginAs(coordinator)
    page.assertStatus(404)
    const list = await client
      .get(urlFor('organisations.index', {}, { qs: { approval: 'proposed' } }))
      .loginAs(coordinator)
    list.assertTextIncludes(own.name)
    assert.notInclude(list.text(), foreign.name)
  })

  test("an unapproved venue's offers stay out of the public list; the public totals count only the network", async ({
    client,
    assert,
  }) => {
    const before = await publicTotals()
    const venue = await createOrganisation('venue')
    const offer = await createOffer(venue, { title: 'Ehdotetun kohteen näytös' })
    await createOccurrence(offer, { daysAhead: 5 })
    await createOrganisation('distributor')
    const ended = await createOrganisation('distributor')
    await Organisation.query()
      .where('id', ended.id)
      .update({ ends_on: DateTime.now().minus({ days: 3 }).toISODate() })
    ;(await client.get(urlFor('public_offers.index'))).assertTextIncludes(
      'Ehdotetun kohteen näytös'
    )
    const approved = await publicTotals()
    assert.equal(approved.venues, before.venues + 1)
    assert.equal(approved.distributors, before.distributors + 1, 'the ended one is not counted')

    await Organisation.query().where('id', venue.id).update({ approval: 'proposed' })
    const list = await client.get(urlFor('public_offers.index'))
    assert.notInclude(list.text(), 'Ehdotetun kohteen näytös')
    assert.equal((await publicTotals()).venues, before.venues)
  })
})

test.group('Imported organisations', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('count as approved, also a proposal the import takes over', async ({ assert }) => {
    const { area, municipality } = await createArea()
    const proposed = await createOrganisation('distributor', area)
    await Organisation.query().where('id', proposed.id).update({ approval: 'proposed' })
    const ownMunicipality = await Municipality.findOrFail(proposed.municipalityId)
    const [takenOverId, newId] = [
      `org-${randomUUID().slice(0, 8)}`,
      `org-${randomUUID().slice(0, 8)}`,
    ]
    const header = ['id', 'name', 'type', 'area', 'municipality', 'category']
    const file = table(
      header,
      [takenOverId, proposed.name, 'distributor', area.name, ownMunicipality.name, ''],
      [newId, 'Tuotu kohde', 'venue', area.name, municipality.name, 'museum']
    )
    const run = await realRun(organisationImport, file)
    assert.deepInclude(run, { add: 1, update: 1, refusals: [] })
    assert.equal((await Organisation.findOrFail(proposed.id)).approval, 'approved')
    assert.equal((await Organisation.findByOrFail('source_id', newId)).approval, 'approved')
  })
})

test.group('Commitments', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('the coordinator records a commitment; the list of missing commitments shows the others of the area', async ({
    client,
    assert,
  }) => {
    const { area, municipality, coordinator } = await coordinatorScene()
    const signed = await createOrganisation('distributor', area)
    const venue = await createOrganisation('venue', area)
    const partner = await createOrganisation('partner', area)
    const agent = await createOrganisation('ticket_agent', area)
    const foreign = await createOrganisation('venue')

    const response = await client
      .put(urlFor('organisations.update', { id: signed.id }))
      .form({
        name: signed.name,
        type: 'distributor',
        municipalityId: municipality.id,
        active: 'true',
        commitmentSignedOn: '2026-01-15',
        commitmentVersion: '2025',
      })
      .withCsrfToken()
      .loginAs(coordinator)
      .redirects(0)
    response.assertStatus(302)
    const saved = await Organisation.findOrFail(signed.id)
    assert.equal(saved.commitmentSignedOn?.toISODate(), '2026-01-15')
    assert.equal(saved.commitmentVersion, '2025')
    const page = await client
      .get(urlFor('organisations.show', { id: signed.id }))
      .loginAs(coordinator)
    page.assertTextIncludes('Yhteistoimintasitoumus')
    page.assertTextIncludes('15.1.2026')
    const partnerPage = await client
      .get(urlFor('organisations.show', { id: partner.id }))
      .loginAs(coordinator)
    partnerPage.assertTextIncludes('Kumppanuussitoumus')
    partnerPage.assertTextIncludes('Sitoumusta ei ole kirjattu.')

    const missing = await client
      .get(urlFor('organisations.index', {}, { qs: { commitment: 'missing' } }))
      .loginAs(coordinator)
    missing.assertTextIncludes(venue.name)
    missing.assertTextIncludes(partner.name)
    assert.notInclude(missing.text(), signed.name)
    assert.notInclude(missing.text(), agent.name, 'a ticket agent signs no commitment')
    assert.notInclude(missing.text(), foreign.name)

    const home = await client.get(urlFor('home.show')).loginAs(coordinator)
    home.assertTextIncludes('2 organisaatiolta puuttuu sitoumus')
  })

  test('a bad signing day is refused next to the field with the input kept', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const organisation = await createOrganisation('venue')
    const response = await client
      .put(urlFor('organisations.update', { id: organisation.id }))
      .form({
        name: organisation.name,
        type: 'venue',
        venueCategory: 'theatre',
        areaId: organisation.areaId,
        active: 'true',
        commitmentSignedOn: 'eilen',
        commitmentVersion: 'v3',
      })
      .withCsrfToken()
      .loginAs(admin)
      .header('referer', urlFor('organisations.edit', { id: organisation.id }))
    response.assertTextIncludes('Kirjoita päivä, jolloin sitoumus allekirjoitettiin.')
    response.assertTextIncludes('value="v3"')
    assert.isNull((await Organisation.findOrFail(organisation.id)).commitmentVersion)
  })
})
