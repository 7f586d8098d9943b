import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { randomUUID } from 'node:crypto'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import { organisationImport } from '#registry/services/organisation_import'
import { today } from '#core/services/time'
import { LOCALE_COOKIE } from '#core/services/locale'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer } from '#tests/helpers/offer_fixtures'
import { dryRun, realRun, table } from '#tests/helpers/import_kinds'

/** An organisation of the network with its public links, under a name the test can look for. */
async function organisation(
  type: Organisation['type'],
  name: string,
  area?: Awaited<ReturnType<typeof createArea>>['area']
) {
  const created = await createOrganisation(type, area)
  created.merge({
    name: `${name} ${randomUUID().slice(0, 6)}`,
    websiteUrl: `https://${type}.example.fi/`,
    accessibilityUrl: `https://${type}.example.fi/saavutettavuus`,
  })
  return created.save()
}

test.group('The network directory', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('without sign-in: the venues and distributors in the network today, with their links and offers', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const venue = await organisation('venue', 'Kaupunginteatteri', area)
    const distributor = await organisation('distributor', 'Aikuissosiaalityö', area)
    const inactive = await organisation('venue', 'Suljettu museo', area)
    inactive.active = false
    await inactive.save()
    const ended = await organisation('venue', 'Päättynyt festivaali', area)
    ended.endsOn = today().minus({ days: 1 })
    await ended.save()
    const agent = await organisation('ticket_agent', 'Lippupalvelu', area)
    const offer = await createOffer(venue)
    await createOccurrence(offer, { daysAhead: 5 })

    const page = await client.get(urlFor('network_directory.index', {}, { qs: { area: area.id } }))
    page.assertStatus(200)
    for (const listed of [venue, distributor]) page.assertTextIncludes(listed.name)
    for (const absent of [inactive, ended, agent]) assert.notInclude(page.text(), absent.name)
    page.assertTextIncludes('Löytyi 2 organisaatiota.')
    page.assertTextIncludes(`href="${venue.websiteUrl}"`)
    page.assertTextIncludes(`href="${venue.accessibilityUrl}"`)
    page.assertTextIncludes('Kaikukortti-kohde · Teatteri')
    // The venue's offers on the public list, with a link to them.
    const offersOfVenue = urlFor('public_offers.index', {}, { qs: { venue: venue.id } })
    page.assertTextIncludes(`href="${offersOfVenue}"`)
    page.assertTextIncludes('Yksi tarjous nyt')
    page.assertTextIncludes('Antaa Kaikukortin asiakkailleen.')

    const entry = await client.get(urlFor('network_directory.show', { id: venue.id }))
    entry.assertStatus(200)
    entry.assertTextIncludes(venue.name)
    entry.assertTextIncludes(venue.accessibilityUrl!)
    for (const hidden of [inactive, ended, agent]) {
      const gone = await client.get(urlFor('network_directory.show', { id: hidden.id }))
      gone.assertStatus(404)
    }

    const swedish = await client
      .get(urlFor('network_directory.index'))
      .withPlainCookie(LOCALE_COOKIE, 'sv')
    swedish.assertTextIncludes('Kaikukortti-nätverket')
  })

  test('filters by area, municipality and type', async ({ client, assert }) => {
    const north = await createArea()
    const south = await createArea()
    const northVenue = await organisation('venue', 'Pohjoisen museo', north.area)
    const northDistributor = await organisation('distributor', 'Pohjoisen perhekeskus', north.area)
    const southVenue = await organisation('venue', 'Etelän kirjasto', south.area)

    const byArea = await client.get(
      urlFor('network_directory.index', {}, { qs: { area: north.area.id } })
    )
    byArea.assertTextIncludes(northVenue.name)
    byArea.assertTextIncludes(northDistributor.name)
    assert.notInclude(byArea.text(), southVenue.name)

    const byType = await client.get(
      urlFor('network_directory.index', {}, { qs: { area: north.area.id, type: 'distributor' } })
    )
    byType.assertTextIncludes(northDistributor.name)
    assert.notInclude(byType.text(), northVenue.name)

    const byMunicipality = await client.get(
      urlFor('network_directory.index', {}, { qs: { municipality: southVenue.municipalityId! } })
    )
    byMunicipality.assertTextIncludes(southVenue.name)
    assert.notInclude(byMunicipality.text(), northVenue.name)
    assert.notInclude(byMunicipality.text(), northDistributor.name)

    // A filter that makes no sense shows everything, and says so.
    const wrong = await client.get(urlFor('network_directory.index', {}, { qs: { type: 'x' } }))
    wrong.assertStatus(200)
    wrong.assertTextIncludes('Rajausta ei voitu käyttää')
  })

  test('the front door and the public offers lead to the directory; the offers of one venue', async ({
    client,
    assert,
  }) => {
    const front = await client.get(urlFor('front_door'))
    front.assertTextIncludes(`href="${urlFor('network_directory.index')}"`)

    const { area } = await createArea()
    const venue = await organisation('venue', 'Konserttitalo', area)
    const other = await organisation('venue', 'Toinen talo', area)
    const offer = await createOffer(venue, { title: 'Sinfoniakonsertti' })
    await createOccurrence(offer, { daysAhead: 5 })
    const otherOffer = await createOffer(other, { title: 'Kamarikonsertti' })
    await createOccurrence(otherOffer, { daysAhead: 5 })

    const list = await client.get(urlFor('public_offers.index'))
    list.assertTextIncludes(`href="${urlFor('network_directory.show', { id: venue.id })}"`)
    const page = await client.get(urlFor('public_offers.show', { id: offer.id }))
    page.assertTextIncludes(`href="${urlFor('network_directory.show', { id: venue.id })}"`)

    const ofVenue = await client.get(urlFor('public_offers.index', {}, { qs: { venue: venue.id } }))
    ofVenue.assertTextIncludes('Sinfoniakonsertti')
    ofVenue.assertTextIncludes(`Näytetään kohteen ${venue.name} tarjonta.`)
    assert.notInclude(ofVenue.text(), 'Kamarikonsertti')
  })
})

test.group('Organisations: public links', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a coordinator gives the website and accessibility addresses; one that is not a web address is refused next to its field, the input kept', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const venue = await createOrganisation('venue', area)
    const form = {
      name: venue.name,
      type: 'venue',
      venueCategory: 'museum',
      municipalityId: venue.municipalityId,
      active: 'true',
    }
    const refused = await client
      .post(urlFor('organisations.update', { id: venue.id }, { qs: { _method: 'PUT' } }))
      .form({ ...form, websiteUrl: 'www.museo', accessibilityUrl: 'javascript:alert(1)' })
      .header('referer', urlFor('organisations.edit', { id: venue.id }))
      .withCsrfToken()
      .loginAs(coordinator)
    refused.assertTextIncludes('Kirjoita verkkosivujen koko osoite')
    refused.assertTextIncludes('Kirjoita saavutettavuustietojen koko osoite')
    refused.assertTextIncludes('value="www.museo"')
    assert.isNull((await Organisation.findOrFail(venue.id)).websiteUrl)

    await client
      .post(urlFor('organisations.update', { id: venue.id }, { qs: { _method: 'PUT' } }))
      .form({
        ...form,
        websiteUrl: 'https://museo.example.fi',
        accessibilityUrl: 'https://museo.example.fi/saavutettavuus',
      })
      .withCsrfToken()
      .loginAs(coordinator)
    const saved = await Organisation.findOrFail(venue.id)
    assert.equal(saved.websiteUrl, 'https://museo.example.fi')
    assert.equal(saved.accessibilityUrl, 'https://museo.example.fi/saavutettavuus')
  })

  test('the import takes the website and accessibility columns, and refuses what is not a web address', async ({
    assert,
  }) => {
    const { area, municipality } = await createArea()
    const header = [
      'id',
      'name',
      'type',
      'area',
      'municipality',
      'category',
      'website',
      'accessibility',
    ]
    const good = `org-${randomUUID().slice(0, 8)}`
    const file = table(
      header,
      [
        good,
        'Museo',
        'kohde',
        area.name,
        municipality.name,
        'museum',
        'https://museo.example.fi',
        '',
      ],
      [
        `org-${randomUUID().slice(0, 8)}`,
        'Teatteri',
        'kohde',
        area.name,
        municipality.name,
        'theatre',
        'teatteri.fi',
        'ftp://x.example.fi',
      ]
    )
    const dry = await dryRun(organisationImport, file)
    assert.deepEqual(
      dry.refusals.map(({ column, reason }) => `${column} ${reason}`),
      ['website organisation_bad_url', 'accessibility organisation_bad_url']
    )
    const onlyGood = table(header, [
      good,
      'Museo',
      'kohde',
      area.name,
      municipality.name,
      'museum',
      'https://museo.example.fi',
      '',
    ])
    await realRun(organisationImport, onlyGood)
    const museum = await Organisation.findByOrFail('source_id', good)
    assert.equal(museum.websiteUrl, 'https://museo.example.fi')
    assert.isNull(museum.accessibilityUrl)
  })
})
