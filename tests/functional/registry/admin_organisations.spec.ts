import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Organisation from '#registry/models/organisation'
import Municipality from '#registry/models/municipality'
import Area from '#registry/models/area'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'
import { urlFor } from '@adonisjs/core/services/url_builder'

const countOrganisations = async () =>
  Number((await Organisation.query().count('* as total'))[0].$extras.total)

test.group('Administration: organisations', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('the national centre creates a venue and a pop-up venue outside every area', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area, municipality } = await createArea()
    const response = await client
      .post(urlFor('organisations.store'))
      .form({
        name: 'Taidemuseo',
        type: 'venue',
        venueCategory: 'museum',
        areaId: area.id,
        municipalityId: municipality.id,
        active: 'true',
      })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    response.assertHeader('location', urlFor('organisations.index'))
    const museum = await Organisation.findByOrFail('name', 'Taidemuseo')
    assert.equal(museum.areaId, area.id)
    assert.equal(museum.venueCategory, 'museum')
    assert.isTrue(Boolean(museum.active))

    await client
      .post(urlFor('organisations.store'))
      .form({ name: 'Pop-up', type: 'venue', venueCategory: 'museum', active: 'true' })
      .withCsrfToken()
      .loginAs(admin)
    assert.isNull((await Organisation.findByOrFail('name', 'Pop-up')).areaId)
  })

  test('a coordinator creates and edits organisations in their own area only', async ({
    client,
    assert,
  }) => {
    const { area, municipality } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    await client
      .post(urlFor('organisations.store'))
      .form({
        name: 'Perhekeskus',
        type: 'distributor',
        distributorCategory: 'family_services',
        municipalityId: municipality.id,
        active: 'true',
      })
      .withCsrfToken()
      .loginAs(coordinator)
    const created = await Organisation.findByOrFail('name', 'Perhekeskus')
    assert.equal(created.areaId, area.id)
    assert.equal(
      created.approval,
      'proposed',
      'a coordinator proposes; the national centre approves'
    )

    await client
      .put(urlFor('organisations.update', { id: created.id }))
      .form({
        name: 'Perhekeskus Itä',
        type: 'distributor',
        distributorCategory: 'family_services',
        municipalityId: municipality.id,
      })
      .withCsrfToken()
      .loginAs(coordinator)
    const edited = await Organisation.findOrFail(created.id)
    assert.equal(edited.name, 'Perhekeskus Itä')
    assert.isFalse(Boolean(edited.active), 'an unticked box takes the organisation out of use')
  })

  test("another area's organisation is 404 to a coordinator, and a post to it changes nothing", async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const foreign = await createOrganisation('venue')
    const page = await client
      .get(urlFor('organisations.edit', { id: foreign.id }))
      .loginAs(coordinator)
    page.assertStatus(404)
    const post = await client
      .put(urlFor('organisations.update', { id: foreign.id }))
      .form({ name: 'Hijacked', type: 'venue', venueCategory: 'museum' })
      .withCsrfToken()
      .loginAs(coordinator)
    post.assertStatus(404)
    assert.equal((await Organisation.findOrFail(foreign.id)).name, foreign.name)
    const list = await client.get(urlFor('organisations.index')).loginAs(coordinator)
    assert.notInclude(list.text(), foreign.name)
  })

  test('a coordinator cannot place an organisation in another area or its municipality', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const other = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const before = await countOrganisations()

    const wrongArea = await client
      .post(urlFor('organisations.store'))
      .form({ name: 'Väärä', type: 'distributor', areaId: other.area.id })
      .withCsrfToken()
      .loginAs(coordinator)
      .header('referer', urlFor('organisations.create'))
    wrongArea.assertTextIncludes('Voit valita vain oman alueesi.')
    wrongArea.assertTextIncludes('value="Väärä"')

    const wrongMunicipality = await client
      .post(urlFor('organisations.store'))
      .form({ name: 'Väärä', type: 'distributor', municipalityId: other.municipality.id })
      .withCsrfToken()
      .loginAs(coordinator)
    wrongMunicipality.assertTextIncludes('Valitse kunta, joka kuuluu organisaation alueeseen.')
    assert.equal(await countOrganisations(), before)
  })

  test('a filter that is not understood is said so, on both admin lists', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    for (const url of [
      urlFor('organisations.index', {}, { qs: { type: 'castle' } }),
      urlFor('users.index', {}, { qs: { role: 'king' } }),
    ]) {
      const page = await client.get(url).loginAs(admin)
      page.assertStatus(200)
      page.assertTextIncludes('Rajausta ei ymmärretty, joten se jätettiin pois.')
    }
    const fine = await client
      .get(urlFor('organisations.index', {}, { qs: { type: 'venue' } }))
      .loginAs(admin)
    assert.notInclude(fine.text(), 'Rajausta ei ymmärretty')
  })

  test('missing name and venue category are refused next to the fields, nothing written', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const before = await countOrganisations()
    const response = await client
      .post(urlFor('organisations.store'))
      .form({ name: '', type: 'venue' })
      .withCsrfToken()
      .loginAs(admin)
      .header('referer', urlFor('organisations.create'))
    response.assertTextIncludes('Kirjoita nimi.')
    response.assertTextIncludes('Valitse kohteen luokka.')
    assert.match(response.text(), /<title>Virhe: /)
    assert.equal(await countOrganisations(), before)
  })

  test("a coordinator records the organisation's contact person and sees it on its page; a bad phone number is refused next to the field", async ({
    client,
    assert,
  }) => {
    const { area, municipality } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const organisation = await createOrganisation('distributor', area)
    const form = {
      name: organisation.name,
      type: 'distributor',
      municipalityId: municipality.id,
      active: 'true',
      contactName: 'Kaisa Yhteyshenkilö',
      contactEmail: 'Kaisa@Example.fi',
    }

    const refused = await client
      .put(urlFor('organisations.update', { id: organisation.id }))
      .form({ ...form, contactPhone: '12' })
      .withCsrfToken()
      .loginAs(coordinator)
      .header('referer', urlFor('organisations.edit', { id: organisation.id }))
    refused.assertTextIncludes('Kirjoita puhelinnumero muodossa 040 123 4567')
    refused.assertTextIncludes('value="Kaisa Yhteyshenkilö"')
    assert.isNull((await Organisation.findOrFail(organisation.id)).contactName)

    await client
      .put(urlFor('organisations.update', { id: organisation.id }))
      .form({ ...form, contactPhone: '040 123 4567' })
      .withCsrfToken()
      .loginAs(coordinator)
    const saved = await Organisation.findOrFail(organisation.id)
    assert.equal(saved.contactPhone, '+358401234567')
    assert.equal(saved.contactEmail, 'kaisa@example.fi')

    const page = await client
      .get(urlFor('organisations.show', { id: organisation.id }))
      .loginAs(coordinator)
    page.assertTextIncludes('Kaisa Yhteyshenkilö')
    page.assertTextIncludes('040 1234567')
    page.assertTextIncludes('href="mailto:kaisa@example.fi"')
    const edit = await client
      .get(urlFor('organisations.edit', { id: organisation.id }))
      .loginAs(coordinator)
    edit.assertTextIncludes('value="040 1234567"')

    await client
      .put(urlFor('organisations.update', { id: organisation.id }))
      .form({ ...form, contactName: '', contactEmail: '', contactPhone: '' })
      .withCsrfToken()
      .loginAs(coordinator)
    const cleared = await client
      .get(urlFor('organisations.show', { id: organisation.id }))
      .loginAs(coordinator)
    cleared.assertTextIncludes('Yhteyshenkilöä ei ole kirjattu.')
  })

  test('lists filter by type and name, and staff of organisations have no access', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const venue = await createOrganisation('venue')
    const distributor = await createOrganisation('distributor')
    const venues = await client
      .get(urlFor('organisations.index'))
      .qs({ type: 'venue' })
      .loginAs(admin)
    assert.include(venues.text(), venue.name)
    assert.notInclude(venues.text(), distributor.name)
    const byName = await client
      .get(urlFor('organisations.index'))
      .qs({ q: distributor.name.slice(0, 18) })
      .loginAs(admin)
    assert.include(byName.text(), distributor.name)

    for (const role of ['distributor', 'venue', 'ticket_agent'] as const) {
      const response = await client
        .get(urlFor('organisations.index'))
        .loginAs(await createUser(role))
      response.assertStatus(404)
    }
  })
})

test.group('Administration: areas and municipalities', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('the national centre adds a pilot area with its end date, and a municipality to it', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const response = await client
      .post(urlFor('areas.store'))
      .form({ name: 'Testimaakunta', status: 'pilot', pilotEndsOn: '30.6.2027' })
      .withCsrfToken()
      .loginAs(admin)
    response.assertTextIncludes('Tiedot on tallennettu.')
    const area = await Area.findByOrFail('name', 'Testimaakunta')
    assert.equal(area.pilotEndsOn!.toISODate(), '2027-06-30')
    // The date is written back as it was typed, with an example beside it.
    const form = await client.get(urlFor('areas.edit', { id: area.id })).loginAs(admin)
    form.assertTextIncludes('value="30.6.2027"')
    form.assertTextIncludes('Esimerkiksi 24.11.2026.')

    await client
      .post(urlFor('municipalities.store'))
      .form({ name: 'Testilä', areaId: area.id, status: 'pilot' })
      .withCsrfToken()
      .loginAs(admin)
    assert.equal((await Municipality.findByOrFail('name', 'Testilä')).areaId, area.id)
  })

  test('a pilot area needs its end date; a duplicate name is refused', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area } = await createArea()
    const noDate = await client
      .post(urlFor('areas.store'))
      .form({ name: 'Uusi alue', status: 'pilot' })
      .withCsrfToken()
      .loginAs(admin)
      .header('referer', urlFor('areas.create'))
    noDate.assertTextIncludes('Kirjoita päivä, jolloin kokeilu päättyy.')
    const duplicate = await client
      .post(urlFor('areas.store'))
      .form({ name: area.name, status: 'in_use' })
      .withCsrfToken()
      .loginAs(admin)
    duplicate.assertTextIncludes('Tällä nimellä on jo alue tai kunta.')
    assert.isNull(await Area.findBy('name', 'Uusi alue'))
  })

  test('a coordinator sees only their own area, cannot change it, and adds municipalities only there', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const other = await createArea()
    const coordinator = await createUser('area_coordinator', { area })

    const list = await client.get(urlFor('areas.index')).loginAs(coordinator)
    assert.include(list.text(), area.name)
    assert.notInclude(list.text(), other.area.name)
    ;(
      await client.get(urlFor('areas.show', { id: other.area.id })).loginAs(coordinator)
    ).assertStatus(404)
    ;(await client.get(urlFor('areas.edit', { id: area.id })).loginAs(coordinator)).assertStatus(
      404
    )
    const change = await client
      .put(urlFor('areas.update', { id: area.id }))
      .form({ name: 'Oma', status: 'coming' })
      .withCsrfToken()
      .loginAs(coordinator)
    change.assertStatus(404)
    assert.equal((await Area.findOrFail(area.id)).status, area.status)

    await client
      .post(urlFor('municipalities.store'))
      .form({ name: 'Omakylä', areaId: area.id, status: 'in_use' })
      .withCsrfToken()
      .loginAs(coordinator)
    assert.exists(await Municipality.findBy('name', 'Omakylä'))
    const foreign = await client
      .post(urlFor('municipalities.store'))
      .form({ name: 'Vierasköylä', areaId: other.area.id, status: 'in_use' })
      .withCsrfToken()
      .loginAs(coordinator)
    foreign.assertTextIncludes('Voit valita vain oman alueesi.')
    assert.isNull(await Municipality.findBy('name', 'Vierasköylä'))
    ;(
      await client
        .get(urlFor('municipalities.edit', { id: other.municipality.id }))
        .loginAs(coordinator)
    ).assertStatus(404)
  })
})
