import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Offer from '#offers/models/offer'
import Genre from '#offers/models/genre'
import Area from '#registry/models/area'
import Municipality from '#registry/models/municipality'
import Organisation from '#registry/models/organisation'
import { LOCALE_COOKIE } from '#core/services/locale'
import { createArea, createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'

/*
| Issue 22: an offer is written in one language and may have Swedish and
| English versions; the page in Swedish or English shows its version when
| there is one, else the original, and the text carries the language it is
| in. Places have their Swedish names in the Swedish interface.
*/
test.group('Offers in Finnish, Swedish and English', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a Swedish version is shown to a Swedish reader with lang="sv"; the original to an English one with lang="fi"', async ({
    client,
    assert,
  }) => {
    const venue = await createOrganisation('venue')
    const offer = await createOffer(venue, {
      title: 'Joulukonsertti',
      description: 'Kuoro laulaa joululauluja.',
      accessibility: 'Pyörätuolipaikat permannolla.',
      titleSv: 'Julkonsert',
      descriptionSv: 'Kören sjunger julsånger.',
    })
    await createOccurrence(offer, { daysAhead: 10 })

    const swedish = await client
      .get(urlFor('public_offers.show', { id: offer.id }))
      .withPlainCookie(LOCALE_COOKIE, 'sv')
    swedish.assertStatus(200)
    swedish.assertTextIncludes('<h1 lang="sv">Julkonsert</h1>')
    swedish.assertTextIncludes('lang="sv">Kören sjunger julsånger.</p>')
    // No Swedish accessibility notes: the Finnish ones, marked Finnish.
    swedish.assertTextIncludes('lang="fi">Pyörätuolipaikat permannolla.</p>')
    assert.notInclude(swedish.text(), 'Joulukonsertti')

    const english = await client
      .get(urlFor('public_offers.show', { id: offer.id }))
      .withPlainCookie(LOCALE_COOKIE, 'en')
    english.assertTextIncludes('<h1 lang="fi">Joulukonsertti</h1>')
    english.assertTextIncludes('lang="fi">Kuoro laulaa joululauluja.</p>')
    assert.notInclude(english.text(), 'Julkonsert')

    const list = await client
      .get(urlFor('public_offers.index'))
      .withPlainCookie(LOCALE_COOKIE, 'sv')
    list.assertTextIncludes('lang="sv">Julkonsert</a>')

    const finnish = await client.get(urlFor('public_offers.show', { id: offer.id }))
    finnish.assertTextIncludes('<h1 lang="fi">Joulukonsertti</h1>')
  })

  test('the venue writes the versions in their own part of the offer form', async ({
    client,
    assert,
  }) => {
    const user = await createUser('venue')
    const venue = await Organisation.findOrFail(user.organisationId)
    const genre = await Genre.findByOrFail('key', 'jazz')
    const form = {
      title: 'Jazzia kirjastossa',
      description: 'Trio soittaa standardeja ja omia sävellyksiä.',
      offerType: 'exhibition',
      genreId: String(genre.id),
      municipalityId: String(venue.municipalityId),
      location: 'Pääkirjasto',
      accessibility: 'Hissi, induktiosilmukka.',
      children: 'by_type',
      published: 'true',
      language: 'fi',
      titleSv: 'Jazz på biblioteket',
      descriptionSv: 'En trio spelar standarder och egna kompositioner.',
      accessibilitySv: '',
      titleEn: 'Jazz at the library',
      descriptionEn: '',
      accessibilityEn: 'Lift, induction loop.',
    }

    const page = await client.get(urlFor('venue_offers.create')).loginAs(user)
    page.assertTextIncludes('name="titleSv"')
    page.assertTextIncludes('lang="en"')

    await client.post(urlFor('venue_offers.store')).form(form).withCsrfToken().loginAs(user)
    const offer = await Offer.findByOrFail('organisation_id', venue.id)
    assert.equal(offer.language, 'fi')
    assert.equal(offer.titleSv, 'Jazz på biblioteket')
    assert.isNull(offer.accessibilitySv)
    assert.equal(offer.titleEn, 'Jazz at the library')
    assert.isNull(offer.descriptionEn)
    assert.equal(offer.accessibilityEn, 'Lift, induction loop.')

    const english = await client
      .get(urlFor('public_offers.show', { id: offer.id }))
      .withPlainCookie(LOCALE_COOKIE, 'en')
    english.assertTextIncludes('<h1 lang="en">Jazz at the library</h1>')
    english.assertTextIncludes('lang="fi">Trio soittaa standardeja ja omia sävellyksiä.</p>')

    // Written in Swedish: a "Swedish version" would only repeat it, and is not kept.
    await client
      .put(urlFor('venue_offers.update', { id: offer.id }))
      .form({ ...form, language: 'sv', title: 'Jazz i biblioteket', revision: '1' })
      .withCsrfToken()
      .loginAs(user)
    await offer.refresh()
    assert.equal(offer.language, 'sv')
    assert.isNull(offer.titleSv)
    const finnish = await client.get(urlFor('public_offers.show', { id: offer.id }))
    finnish.assertTextIncludes('<h1 lang="sv">Jazz i biblioteket</h1>')

    const edit = await client.get(urlFor('venue_offers.edit', { id: offer.id })).loginAs(user)
    edit.assertTextIncludes('Jazz at the library')
  })

  test('a version too short is refused next to its field, the typed value kept', async ({
    client,
    assert,
  }) => {
    const user = await createUser('venue')
    const venue = await Organisation.findOrFail(user.organisationId)
    const genre = await Genre.findByOrFail('key', 'jazz')
    const response = await client
      .post(urlFor('venue_offers.store'))
      .form({
        title: 'Jazzia kirjastossa',
        description: 'Trio soittaa standardeja ja omia sävellyksiä.',
        offerType: 'exhibition',
        genreId: String(genre.id),
        municipalityId: String(venue.municipalityId),
        location: 'Pääkirjasto',
        accessibility: 'Hissi, induktiosilmukka.',
        children: 'by_type',
        titleSv: 'Ja',
        descriptionEn: 'Jazz trio playing standards.',
      })
      .withCsrfToken()
      .loginAs(user)
      .header('referer', urlFor('venue_offers.create'))
    response.assertTextIncludes('id="titleSv-error"')
    response.assertTextIncludes('Jazz trio playing standards.')
    assert.equal((await Offer.query().where('organisation_id', venue.id)).length, 0)
  })
})

test.group('Place names in the Swedish interface', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('Närpes, Vörå and Österbotten in Swedish; Närpiö, Vöyri and Pohjanmaa in Finnish', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea('in_use')
    const suffix = randomUUID().slice(0, 6)
    await area.merge({ name: `Pohjanmaa ${suffix}`, nameSv: `Österbotten ${suffix}` }).save()
    const narpio = await Municipality.findByOrFail('name', 'Närpiö')
    const voyri = await Municipality.findByOrFail('name', 'Vöyri')
    assert.equal(narpio.nameSv, 'Närpes')
    await narpio.merge({ areaId: area.id, status: 'in_use' }).save()
    await voyri.merge({ areaId: area.id, status: 'in_use' }).save()
    const venue = await createOrganisation('venue', area)
    await venue.merge({ municipalityId: narpio.id }).save()
    const offer = await createOffer(venue, { title: 'Konsertti Närpiössä' })
    await createOccurrence(offer, { daysAhead: 5 })

    // The offer filters.
    const swedish = await client
      .get(urlFor('public_offers.index'))
      .withPlainCookie(LOCALE_COOKIE, 'sv')
    swedish.assertTextIncludes('>Närpes</option>')
    swedish.assertTextIncludes('>Vörå</option>')
    swedish.assertTextIncludes(`>Österbotten ${suffix}</option>`)
    const finnish = await client.get(urlFor('public_offers.index'))
    finnish.assertTextIncludes('>Närpiö</option>')
    finnish.assertTextIncludes(`>Pohjanmaa ${suffix}</option>`)
    assert.notInclude(finnish.text(), 'Närpes')

    // The network directory: its groups, its filters and an entry.
    const directory = await client
      .get(urlFor('network_directory.index', {}, { qs: { area: area.id } }))
      .withPlainCookie(LOCALE_COOKIE, 'sv')
    directory.assertTextIncludes(`Österbotten ${suffix} – Närpes`)
    directory.assertTextIncludes('Vörå (Österbotten')
    const entry = await client
      .get(urlFor('network_directory.show', { id: venue.id }))
      .withPlainCookie(LOCALE_COOKIE, 'sv')
    entry.assertTextIncludes('<dd>Närpes</dd>')
    entry.assertTextIncludes(`<dd>Österbotten ${suffix}</dd>`)

    // The national statistics page.
    const statistics = await client
      .get(urlFor('public_statistics.show'))
      .withPlainCookie(LOCALE_COOKIE, 'sv')
    statistics.assertTextIncludes(`Österbotten ${suffix}`)

    // The area's page for the national centre.
    const admin = await createUser('admin')
    const areaPage = await client
      .get(urlFor('areas.show', { id: area.id }))
      .withPlainCookie(LOCALE_COOKIE, 'sv')
      .loginAs(admin)
    areaPage.assertTextIncludes(`<h1>Österbotten ${suffix}</h1>`)
    areaPage.assertTextIncludes('<td>Vörå</td>')
  })

  test('the national centre gives an area and a municipality their Swedish names', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const suffix = randomUUID().slice(0, 6)
    await client
      .post(urlFor('areas.store'))
      .form({ name: `Uusimaa ${suffix}`, nameSv: `Nyland ${suffix}`, status: 'in_use' })
      .withCsrfToken()
      .loginAs(admin)
    const area = await Area.findByOrFail('name', `Uusimaa ${suffix}`)
    assert.equal(area.nameSv, `Nyland ${suffix}`)
    await client
      .post(urlFor('municipalities.store'))
      .form({
        name: `Testilä ${suffix}`,
        nameSv: `Testby ${suffix}`,
        areaId: area.id,
        status: 'in_use',
      })
      .withCsrfToken()
      .loginAs(admin)
    const municipality = await Municipality.findByOrFail('name', `Testilä ${suffix}`)
    assert.equal(municipality.nameSv, `Testby ${suffix}`)

    const edit = await client.get(urlFor('areas.edit', { id: area.id })).loginAs(admin)
    edit.assertTextIncludes(`value="Nyland ${suffix}"`)
    const swedish = await client
      .get(urlFor('areas.show', { id: area.id }))
      .withPlainCookie(LOCALE_COOKIE, 'sv')
      .loginAs(admin)
    swedish.assertTextIncludes(`<td>Testby ${suffix}</td>`)

    // Emptied: the Finnish name serves in Swedish too.
    await client
      .put(urlFor('areas.update', { id: area.id }))
      .form({ name: `Uusimaa ${suffix}`, nameSv: '', status: 'in_use' })
      .withCsrfToken()
      .loginAs(admin)
    await area.refresh()
    assert.isNull(area.nameSv)
  })

  test('an area without a Swedish name keeps its Finnish one in Swedish', async ({ client }) => {
    const { area } = await createArea('in_use')
    await Area.query().where('id', area.id).update({ name_sv: null })
    const page = await client
      .get(urlFor('public_offers.index'))
      .withPlainCookie(LOCALE_COOKIE, 'sv')
    page.assertTextIncludes(`>${area.name}</option>`)
  })

  test('a ticket’s title in OmaKaiku and on the client bookings page carries the language it was written in', async ({
    client,
  }) => {
    const distributorUser = await createUser('distributor')
    const card = await issueCard(distributorUser)
    const venue = await createOrganisation('venue')
    const offer = await createOffer(venue, { title: 'Julkonsert', language: 'sv' })
    await recordUse(card.code, offer, await createOccurrence(offer, { daysAhead: 5 }), {
      registeredByOrganisationId: distributorUser.organisationId!,
    })
    const account = await createHolder(card)
    const holder = await HolderBrowser.signedIn(client, account.email)
    const events = await holder.get(urlFor('my_events.index'))
    events.assertTextIncludes('lang="sv">Julkonsert</h2>')
    const bookings = await client.get(urlFor('client_bookings.index')).loginAs(distributorUser)
    bookings.assertTextIncludes('lang="sv">Julkonsert</h3>')
  })

  test('the box office’s show choice marks the title’s language, not the date’s', async ({
    client,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue, { title: 'Julkonsert', language: 'sv' })
    const show = await createOccurrence(offer, { daysAhead: 0 })
    const page = await client.get(urlFor('registrations.create')).loginAs(venueUser)
    page.assertTextIncludes(
      `</strong> — <span lang="sv">Julkonsert</span> <span id="details-occurrence-${show.id}">· `
    )
  })
})
