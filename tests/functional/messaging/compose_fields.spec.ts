import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Campaign from '#messaging/models/campaign'
import Genre from '#offers/models/genre'
import Organisation from '#registry/models/organisation'
import type User from '#registry/models/user'
import { createArea, createUser } from '#tests/helpers/fixtures'
import { createOffer } from '#tests/helpers/offer_fixtures'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { fakeTwilio } from '#tests/helpers/fake_twilio'

/*
| The compose form shows the fields the chosen audience needs: a genre for a
| venue's tip to its followers, an area for the national centre's message to
| one area. Without JavaScript they are all there (the unneeded ones in
| <noscript>); htmx swaps in the needed ones. An unneeded field is ignored.
*/

function messageForm(overrides: Record<string, unknown> = {}) {
  return {
    'audience': 'visitors_of_venue',
    'offerId': '',
    'channels[]': ['email', 'sms'],
    'bodyFi': 'Kiitos käynnistä! Kevään ohjelma on nyt julkaistu.',
    'bodySv': '',
    'bodyEn': '',
    'when': 'now',
    'sendDate': '',
    'sendTime': '',
    'submissionKey': randomUUID(),
    ...overrides,
  }
}

function send(client: ApiClient, user: User, form: Record<string, unknown>) {
  return client
    .post(urlFor('campaigns.store'))
    .form(form)
    .withCsrfToken()
    .loginAs(user)
    .header('referer', urlFor('campaigns.create'))
}

function split(html: string) {
  const hidden = [...html.matchAll(/<noscript>([\s\S]*?)<\/noscript>/g)].map((m) => m[1]).join('')
  return { shown: html.replace(/<noscript>[\s\S]*?<\/noscript>/g, ''), hidden }
}

const fieldsOf = (client: ApiClient, user: User, qs: Record<string, unknown>) =>
  client
    .get(urlFor('campaigns.audience_fields', {}, { qs }))
    .header('HX-Request', 'true')
    .loginAs(user)

async function venueWithOffer() {
  const venueUser = await createUser('venue')
  const venue = await Organisation.findOrFail(venueUser.organisationId)
  const offer = await createOffer(venue, { title: 'Kevätuhri' })
  return { venueUser, offer }
}

test.group('Messaging: the compose form shows what the audience needs', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    fakeSmtp.inbox = []
    fakeTwilio.reset()
  })

  test('without a choice yet, the genre and the area wait in noscript, saying when they are needed', async ({
    client,
    assert,
  }) => {
    const { venueUser } = await venueWithOffer()
    const venue = split((await client.get(urlFor('campaigns.create')).loginAs(venueUser)).text())
    assert.notInclude(venue.shown, 'name="genreId"')
    assert.include(venue.hidden, 'name="genreId"')
    assert.include(
      venue.hidden,
      'Tarvitaan vain, kun kohdassa ”Kenelle?” on valittu ”Alueemme kortinhaltijat, jotka seuraavat valittua lajityyppiä”.'
    )
    // An offer goes with every audience of a venue: always on the page.
    assert.include(venue.shown, 'name="offerId"')

    const admin = split(
      (await client.get(urlFor('campaigns.create')).loginAs(await createUser('admin'))).text()
    )
    assert.notInclude(admin.shown, 'name="areaId"')
    assert.include(admin.hidden, 'name="areaId"')
    assert.notInclude(admin.hidden + admin.shown, 'name="genreId"')
  })

  test('htmx gets only the fields the audience needs, with what was chosen kept', async ({
    client,
    assert,
  }) => {
    const { venueUser } = await venueWithOffer()
    const drama = await Genre.findByOrFail('key', 'drama')
    const tip = await fieldsOf(client, venueUser, {
      audience: 'genre_in_area',
      genreId: drama.id,
    })
    tip.assertStatus(200)
    assert.include(tip.text(), 'name="genreId"')
    assert.match(tip.text(), new RegExp(`<option value="${drama.id}"\\s+selected`))
    assert.include(tip.text(), 'data-announce="Valintasi mukaan lomakkeessa on nyt: Lajityyppi."')
    assert.notInclude(tip.text(), '<noscript>')

    const visitors = await fieldsOf(client, venueUser, { audience: 'visitors_of_venue' })
    assert.notInclude(visitors.text(), 'name="genreId"')
    assert.include(visitors.text(), 'Valintasi ei tarvitse lisätietoja.')

    const admin = await createUser('admin')
    const { area } = await createArea()
    const oneArea = await fieldsOf(client, admin, {
      audience: 'area_cardholders',
      areaId: area.id,
    })
    assert.include(oneArea.text(), 'name="areaId"')
    assert.match(oneArea.text(), new RegExp(`<option value="${area.id}"\\s+selected`))
    const country = await fieldsOf(client, admin, { audience: 'all_cardholders' })
    assert.notInclude(country.text(), 'name="areaId"')
  })

  test('after the preview the chosen audience and its fields are there as chosen', async ({
    client,
    assert,
  }) => {
    const { venueUser } = await venueWithOffer()
    const drama = await Genre.findByOrFail('key', 'drama')
    const page = await client
      .post(urlFor('campaigns.preview'))
      .form(messageForm({ audience: 'genre_in_area', genreId: String(drama.id) }))
      .withCsrfToken()
      .loginAs(venueUser)
      .header('referer', urlFor('campaigns.create'))
    const { shown } = split(page.text())
    assert.match(shown, /value="genre_in_area"\s+checked/)
    assert.match(shown, new RegExp(`<option value="${drama.id}"\\s+selected`))
    assert.lengthOf(await Campaign.all(), 0)
  })

  test('a field the audience does not need is ignored, even with a value that would be refused', async ({
    client,
    assert,
  }) => {
    const { venueUser } = await venueWithOffer()
    await send(
      client,
      venueUser,
      messageForm({ audience: 'visitors_of_venue', genreId: 'ei numero', areaId: 'x' })
    )
    const campaign = await Campaign.query().firstOrFail()
    assert.equal(campaign.audience, 'visitors_of_venue')
    assert.isNull(campaign.genreId)
    assert.isNull(campaign.areaId)

    const admin = await createUser('admin')
    await send(
      client,
      admin,
      messageForm({
        audience: 'all_cardholders',
        areaId: 'kaikki',
        offerId: 'x',
        genreId: '-1',
      })
    )
    const national = await Campaign.query().where('audience', 'all_cardholders').firstOrFail()
    assert.isNull(national.areaId)
    assert.isNull(national.offerId)
  })

  test('a field the audience needs is still checked, next to the field, with the text kept', async ({
    client,
    assert,
  }) => {
    const { venueUser } = await venueWithOffer()
    const badGenre = await send(
      client,
      venueUser,
      messageForm({ audience: 'genre_in_area', genreId: 'ei numero' })
    )
    assert.include(split(badGenre.text()).shown, 'id="genreId-error"')
    assert.include(badGenre.text(), 'Kevään ohjelma on nyt julkaistu.')
    const noGenre = await send(client, venueUser, messageForm({ audience: 'genre_in_area' }))
    assert.include(split(noGenre.text()).shown, 'id="genreId-error"')
    const noOffer = await send(client, venueUser, messageForm({ audience: 'visitors_of_offer' }))
    assert.include(noOffer.text(), 'id="offerId-error"')

    const admin = await createUser('admin')
    const badArea = await send(
      client,
      admin,
      messageForm({ audience: 'area_cardholders', areaId: 'ei numero' })
    )
    assert.include(split(badArea.text()).shown, 'id="areaId-error"')
    assert.lengthOf(await Campaign.all(), 0)
  })
})
