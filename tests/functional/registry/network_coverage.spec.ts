import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import User from '#registry/models/user'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'

/*
| Running the network (issue 21): distributor categories on the organisation
| form, the third-sector distributor every area's network needs, and an
| area's two responsible people, the culture side and the welfare side.
*/
const countOrganisations = async () =>
  Number((await Organisation.query().count('* as total'))[0].$extras.total)

/** The text of the field's error paragraph, or null when the field has none. */
const fieldError = (html: string, field: string) =>
  html.match(new RegExp(`id="${field}-error">(?:<span[^>]*>[^<]*</span>)?([^<]*)<`))?.[1] ?? null

test.group('Network: distributor categories, third sector, responsible people', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a new distributor needs a category, refused next to the field with the input kept; an existing one without shows "not set"', async ({
    client,
    assert,
  }) => {
    const { area, municipality } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const before = await countOrganisations()
    const refused = await client
      .post(urlFor('organisations.store'))
      .form({ name: 'Nuorisotalo', type: 'distributor', municipalityId: municipality.id })
      .withCsrfToken()
      .loginAs(coordinator)
      .header('referer', urlFor('organisations.create'))
    assert.equal(fieldError(refused.text(), 'distributorCategory'), 'Valitse kortinjakajan luokka.')
    refused.assertTextIncludes('value="Nuorisotalo"')
    assert.equal(await countOrganisations(), before)

    await client
      .post(urlFor('organisations.store'))
      .form({
        name: 'Nuorisotalo',
        type: 'distributor',
        distributorCategory: 'outreach_youth_work',
        municipalityId: municipality.id,
        active: 'true',
      })
      .withCsrfToken()
      .loginAs(coordinator)
    const created = await Organisation.findByOrFail('name', 'Nuorisotalo')
    assert.equal(created.distributorCategory, 'outreach_youth_work')
    const list = await client.get(urlFor('organisations.index')).loginAs(coordinator)
    list.assertTextIncludes('Kortinjakaja – Etsivä nuorisotyö')

    // A distributor from before the categories: saved without one, shown as not set.
    const old = await createOrganisation('distributor', area)
    await client
      .put(urlFor('organisations.update', { id: old.id }))
      .form({ name: 'Vanha jakaja', type: 'distributor', active: 'true' })
      .withCsrfToken()
      .loginAs(coordinator)
    const saved = await Organisation.findOrFail(old.id)
    assert.equal(saved.name, 'Vanha jakaja')
    assert.isNull(saved.distributorCategory)
    const page = await client.get(urlFor('organisations.show', { id: old.id })).loginAs(coordinator)
    assert.match(page.text(), /<dt>Jakajan luokka<\/dt><dd>Ei asetettu<\/dd>/)
  })

  test('the coordinator is told the area has no third-sector distributor until an NGO distributor joins; the national centre sees it per area', async ({
    client,
    assert,
  }) => {
    const { area, municipality } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const admin = await createUser('admin')
    const social = await createOrganisation('distributor', area)
    social.distributorCategory = 'social_services'
    await social.save()

    const home = await client.get(urlFor('home.show')).loginAs(coordinator)
    home.assertTextIncludes('Alueellasi ei ole kolmannen sektorin kortinjakajaa.')
    assert.include(
      home.text(),
      `href="${urlFor('organisations.index', {}, { qs: { type: 'distributor', areaId: area.id } })}"`.replaceAll(
        '&',
        '&amp;'
      )
    )
    const areaRow = async () => {
      const list = await client.get(urlFor('areas.index')).loginAs(admin)
      const row = list
        .text()
        .split('<tr>')
        .find((cells) => cells.includes(`>${area.name}</a>`))!
      return row.replace(/\s+/g, ' ')
    }
    assert.match(await areaRow(), /<td data-label="[^"]+">Puuttuu<\/td> <\/tr>/)

    // An NGO that has left the network does not count.
    const former = await createOrganisation('distributor', area)
    former.merge({ distributorCategory: 'ngo', active: false })
    await former.save()
    assert.include(
      (await client.get(urlFor('home.show')).loginAs(coordinator)).text(),
      'Alueellasi ei ole kolmannen sektorin kortinjakajaa.'
    )

    await client
      .post(urlFor('organisations.store'))
      .form({
        name: 'Nuorten Ystävät ry',
        type: 'distributor',
        distributorCategory: 'ngo',
        municipalityId: municipality.id,
        active: 'true',
      })
      .withCsrfToken()
      .loginAs(coordinator)
    // The coordinator's NGO is a proposal: it counts once the national centre approves it.
    assert.include(
      (await client.get(urlFor('home.show')).loginAs(coordinator)).text(),
      'Alueellasi ei ole kolmannen sektorin kortinjakajaa.'
    )
    await Organisation.query().where('name', 'Nuorten Ystävät ry').update({ approval: 'approved' })
    const after = await client.get(urlFor('home.show')).loginAs(coordinator)
    assert.notInclude(after.text(), 'kolmannen sektorin kortinjakajaa')
    assert.match(await areaRow(), /<td data-label="[^"]+">Kyllä<\/td> <\/tr>/)
    const areaPage = await client.get(urlFor('areas.show', { id: area.id })).loginAs(coordinator)
    areaPage.assertTextIncludes('Alueella on kolmannen sektorin kortinjakaja.')
  })

  test("the national centre gives a coordinator a side; the area page shows both responsible people and marks the missing side; a venue's staff see the culture side's coordinator", async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const admin = await createUser('admin')

    const refused = await client
      .post(urlFor('users.store'))
      .form({
        fullName: 'Kerttu Kulttuuri',
        email: 'kerttu@example.fi',
        role: 'area_coordinator',
        areaId: area.id,
      })
      .withCsrfToken()
      .loginAs(admin)
      .header('referer', urlFor('users.create'))
    assert.equal(
      fieldError(refused.text(), 'coordinatorSide'),
      'Valitse, kummasta puolesta vastuuhenkilö vastaa.'
    )
    refused.assertTextIncludes('value="Kerttu Kulttuuri"')
    assert.isNull(await User.findBy('email', 'kerttu@example.fi'))

    await client
      .post(urlFor('users.store'))
      .form({
        fullName: 'Kerttu Kulttuuri',
        email: 'kerttu@example.fi',
        role: 'area_coordinator',
        areaId: area.id,
        coordinatorSide: 'culture',
      })
      .withCsrfToken()
      .loginAs(admin)
    const culture = await User.findByOrFail('email', 'kerttu@example.fi')
    assert.equal(culture.coordinatorSide, 'culture')

    const sides = async () => {
      const page = await client.get(urlFor('areas.show', { id: area.id })).loginAs(admin)
      const text = page.text().replace(/\s+/g, ' ')
      return {
        culture: text.match(/<dt>Kulttuuripuoli \(kohteet\)<\/dt> <dd>(.*?)<\/dd>/)![1],
        welfare: text.match(/<dt>Sote-puoli \(kortinjakajat\)<\/dt> <dd>(.*?)<\/dd>/)![1],
      }
    }
    const before = await sides()
    assert.include(before.culture, 'Kerttu Kulttuuri')
    assert.include(before.culture, 'mailto:kerttu@example.fi')
    assert.include(before.welfare, 'Puuttuu')

    // A welfare-side coordinator (another coordinator, a side set by editing).
    const welfare = await createUser('area_coordinator', { area })
    await client
      .put(urlFor('users.update', { id: welfare.id }))
      .form({
        fullName: welfare.fullName,
        email: welfare.email,
        role: 'area_coordinator',
        areaId: area.id,
        coordinatorSide: 'welfare',
        active: 'true',
      })
      .withCsrfToken()
      .loginAs(admin)
    const after = await sides()
    assert.notInclude(after.welfare, 'Puuttuu')
    assert.include(after.welfare, welfare.fullName)
    assert.notInclude(after.culture, welfare.fullName)

    // Whom organisations' staff ask: a venue the culture side, a distributor the welfare side.
    const venueUser = await createUser('venue', {
      organisation: await createOrganisation('venue', area),
    })
    const venueHome = (await client.get(urlFor('home.show')).loginAs(venueUser)).text()
    assert.include(venueHome, 'kerttu@example.fi')
    assert.notInclude(venueHome, welfare.email)
    const distributorUser = await createUser('distributor', {
      organisation: await createOrganisation('distributor', area),
    })
    const distributorHome = (await client.get(urlFor('home.show')).loginAs(distributorUser)).text()
    assert.include(distributorHome, welfare.email)
    assert.notInclude(distributorHome, 'kerttu@example.fi')
  })
})
