import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Genre from '#offers/models/genre'
import VenueRule from '#offers/models/venue_rule'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer } from '#tests/helpers/offer_fixtures'
import { today } from '#core/services/time'
import { urlFor } from '@adonisjs/core/services/url_builder'

test.group('The public offer list', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('without sign-in: published offers with their restrictions and accessibility', async ({
    client,
    assert,
  }) => {
    const venue = await createOrganisation('venue')
    const offer = await createOffer(venue, {
      title: 'Kevätkonsertti',
      oncePerCard: true,
      childrenAllowed: false,
      accessibility: 'Pyörätuolipaikat permannolla.',
    })
    await createOccurrence(offer, { daysAhead: 10 })
    await VenueRule.create({ organisationId: venue.id, maxOpenBookings: 2 })
    const draft = await createOffer(venue, { title: 'Luonnos', published: false })
    await createOccurrence(draft)
    const past = await createOffer(venue, { title: 'Mennyt konsertti' })
    await createOccurrence(past, { daysAhead: -3 })

    const list = await client.get(urlFor('public_offers.index'))
    list.assertStatus(200)
    list.assertTextIncludes('Kevätkonsertti')
    // The list itself states the terms and the accessibility of each offer.
    list.assertTextIncludes('Tähän tuotantoon saa lipun kerran.')
    list.assertTextIncludes('Sinulla voi olla tässä kohteessa 2 varausta kerrallaan.')
    list.assertTextIncludes('Pyörätuolipaikat permannolla.')
    assert.notInclude(list.text(), 'Luonnos')
    assert.notInclude(list.text(), 'Mennyt konsertti')

    const page = await client.get(urlFor('public_offers.show', { id: offer.id }))
    page.assertTextIncludes(venue.name)
    page.assertTextIncludes('Pyörätuolipaikat permannolla.')
    page.assertTextIncludes('Tähän tuotantoon saa lipun kerran.')
    page.assertTextIncludes('Lasten maksuttomat liput eivät sisälly.')
    page.assertTextIncludes('Sinulla voi olla tässä kohteessa 2 varausta kerrallaan.')

    const hidden = await client.get(urlFor('public_offers.show', { id: draft.id }))
    hidden.assertStatus(404)
  })

  test('filters by genre (a main genre includes its sub-genres), area, municipality and date', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const venue = await createOrganisation('venue', area)
    const elsewhere = await createOrganisation('venue')
    const jazz = await Genre.findByOrFail('key', 'jazz')
    const music = await Genre.findByOrFail('key', 'music')
    const drama = await Genre.findByOrFail('key', 'drama')

    const jazzNight = await createOffer(venue, { title: 'Jazzilta', genreId: jazz.id })
    await createOccurrence(jazzNight, { daysAhead: 5 })
    const play = await createOffer(venue, { title: 'Näytelmä X', genreId: drama.id })
    await createOccurrence(play, { daysAhead: 40 })
    const far = await createOffer(elsewhere, { title: 'Kaukana', genreId: jazz.id })
    await createOccurrence(far, { daysAhead: 5 })

    const titles = async (qs: Record<string, unknown>) => {
      const response = await client.get(urlFor('public_offers.index', {}, { qs }))
      response.assertStatus(200)
      return ['Jazzilta', 'Näytelmä X', 'Kaukana'].filter((t) => response.text().includes(t))
    }
    assert.deepEqual(await titles({ genre: music.id }), ['Jazzilta', 'Kaukana'])
    assert.deepEqual(await titles({ genre: jazz.id, area: area.id }), ['Jazzilta'])
    assert.deepEqual(await titles({ municipality: elsewhere.municipalityId }), ['Kaukana'])
    const from = today().plus({ days: 30 })
    assert.deepEqual(await titles({ area: area.id, from: from.toISODate() }), ['Näytelmä X'])
    assert.deepEqual(
      await titles({ area: area.id, to: today().plus({ days: 10 }).toFormat('d.M.yyyy') }),
      ['Jazzilta']
    )
    // A filter that is not understood is said so, and the list still answers.
    const bad = await client.get(urlFor('public_offers.index', {}, { qs: { from: 'eilen' } }))
    bad.assertTextIncludes('Tarkista rajaukset')
  })

  test('htmx gets only the result list; pages keep the filters', async ({ client, assert }) => {
    const venue = await createOrganisation('venue')
    const genre = await Genre.findByOrFail('key', 'comedy')
    for (let i = 0; i < 22; i++) {
      const offer = await createOffer(venue, {
        title: `Komedia ${String(i).padStart(2, '0')}`,
        genreId: genre.id,
      })
      await createOccurrence(offer)
    }
    const fragment = await client
      .get(urlFor('public_offers.index', {}, { qs: { genre: genre.id } }))
      .header('hx-request', 'true')
      .header('hx-target', 'offer-results')
    assert.notInclude(fragment.text(), '<html')
    fragment.assertTextIncludes('Löytyi 22 tarjousta.')
    assert.include(fragment.text(), `genre=${genre.id}`)
    assert.include(fragment.text(), 'page=2')
  })
})

test.group('The genre taxonomy', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('is seeded, and the national centre adds, renames and hides genres', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const list = await client.get(urlFor('genres.index')).loginAs(admin)
    for (const name of ['Musiikki', 'Jazz', 'Pop ja iskelmä', 'Teatteri', 'Stand up']) {
      list.assertTextIncludes(name)
    }
    const theatre = await Genre.findByOrFail('key', 'theatre')
    await client
      .post(urlFor('genres.store'))
      .form({
        parentId: String(theatre.id),
        nameFi: 'Improvisaatio',
        nameSv: 'Improvisation',
        nameEn: 'Improvisation',
      })
      .withCsrfToken()
      .loginAs(admin)
    const improv = await Genre.findByOrFail('name_fi', 'Improvisaatio')
    assert.equal(improv.parentId, theatre.id)

    const refused = await client
      .post(urlFor('genres.store'))
      .form({ nameFi: '', nameSv: 'X', nameEn: 'X' })
      .withCsrfToken()
      .loginAs(admin)
      .header('referer', urlFor('genres.create'))
    refused.assertTextIncludes('Täytä kohta nimi suomeksi.')

    await client
      .put(urlFor('genres.update', { id: improv.id }))
      .form({ parentId: String(theatre.id), nameFi: 'Impro', nameSv: 'Impro', nameEn: 'Improv' })
      .withCsrfToken()
      .loginAs(admin)
    await improv.refresh()
    assert.equal(improv.nameFi, 'Impro')
    assert.isFalse(improv.active)

    // A hidden genre is no longer offered to venues.
    const venueUser = await createUser('venue')
    const form = await client.get(urlFor('venue_offers.create')).loginAs(venueUser)
    assert.notInclude(form.text(), 'Teatteri › Impro<')
    form.assertTextIncludes('Teatteri › Komedia')
  })

  test('only the national centre edits genres', async ({ client }) => {
    for (const role of ['area_coordinator', 'venue', 'distributor'] as const) {
      const response = await client.get(urlFor('genres.index')).loginAs(await createUser(role))
      response.assertStatus(404)
    }
  })
})
