import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ApiClient } from '@japa/api-client'
import CardUse from '#usage/models/card_use'
import type User from '#registry/models/user'
import Organisation from '#registry/models/organisation'
import Area from '#registry/models/area'
import { createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import {
  countUses,
  createOccurrence,
  createOffer,
  recordUse,
  registrationForm,
} from '#tests/helpers/offer_fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'
import { formatCardCode } from '#registry/services/card_code'

/** A distributor and a venue of one area, a card of the distributor's and a show in three days. */
async function scene() {
  const distributorUser = await createUser('distributor')
  const distributor = await Organisation.findOrFail(distributorUser.organisationId)
  const area = await Area.findOrFail(distributor.areaId)
  const venue = await createOrganisation('venue', area)
  const venueUser = await createUser('venue', { organisation: venue })
  const offer = await createOffer(venue, { title: 'Kevätuhri' })
  const show = await createOccurrence(offer, { daysAhead: 3, cardCap: 2 })
  const card = await issueCard(distributorUser)
  return { distributorUser, distributor, venue, venueUser, offer, show, card }
}

function book(client: ApiClient, user: User, form: Record<string, unknown>) {
  return client
    .post(urlFor('client_bookings.store'))
    .form(form)
    .header('referer', urlFor('client_bookings.create'))
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
}

test.group('A distributor books a place for a client', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('the booking is the venue’s use, recorded with the booking organisation; the holder and the venue see who booked', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const form = await client
      .get(urlFor('client_bookings.create', undefined, { qs: { code: s.card.code } }))
      .loginAs(s.distributorUser)
    form.assertStatus(200)
    form.assertTextIncludes('Kevätuhri')
    assert.include(form.text(), `value="${s.card.code}"`)

    const account = await createHolder(s.card)
    const response = await book(
      client,
      s.distributorUser,
      registrationForm(s.card.code, `occurrence-${s.show.id}`)
    )
    response.assertHeader('location', urlFor('client_bookings.index'))
    const use = await CardUse.query().where('card_code', s.card.code).firstOrFail()
    assert.equal(use.organisationId, s.venue.id)
    assert.equal(use.registeredByOrganisationId, s.distributor.id)
    assert.equal(use.registeredByUserId, s.distributorUser.id)

    const list = await client.get(urlFor('client_bookings.index')).loginAs(s.distributorUser)
    list.assertTextIncludes('Kevätuhri')
    list.assertTextIncludes(formatCardCode(s.card.code))

    const roster = await client.get(urlFor('rosters.show', { id: s.show.id })).loginAs(s.venueUser)
    roster.assertTextIncludes(s.distributor.name)

    const holder = await HolderBrowser.signedIn(client, account.email!)
    const events = await holder.get(urlFor('my_events.index'))
    events.assertTextIncludes('Kevätuhri')
    events.assertTextIncludes(`Varaaja: ${s.distributor.name}`)
  })

  test('the box office’s rules hold: a full show is refused next to the show, with the code kept', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const other = await issueCard(s.distributorUser)
    const third = await issueCard(s.distributorUser)
    await recordUse(other.code, s.offer, s.show)
    await recordUse(third.code, s.offer, s.show)
    const response = await book(
      client,
      s.distributorUser,
      registrationForm(s.card.code, `occurrence-${s.show.id}`)
    )
    response.assertStatus(302)
    const errors = response.flashMessages().inputErrorsBag
    assert.property(errors, 'choice')
    assert.equal(response.flashMessages().code, s.card.code)
    assert.equal(await countUses(), 2)
  })

  test('a show that has begun, another area’s venue, an unpublished offer: refused, nothing booked', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const begun = await createOccurrence(s.offer, { daysAhead: -1 })
    const elsewhere = await createOffer(await createOrganisation('venue'))
    const elsewhereShow = await createOccurrence(elsewhere)
    const draft = await createOffer(s.venue, { published: false })
    const draftShow = await createOccurrence(draft)
    for (const [show, message] of [
      [begun, 'Asiakkaalle voi varata vain tulevan esityksen.'],
      [elsewhereShow, 'Valitse esitys tai tarjous listasta.'],
      [draftShow, 'Valitse esitys tai tarjous listasta.'],
    ] as const) {
      const response = await book(
        client,
        s.distributorUser,
        registrationForm(s.card.code, `occurrence-${show.id}`)
      )
      const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
      assert.match(errors.choice[0], new RegExp(`^${message}`))
    }
    assert.equal(await countUses(), 0)
  })

  test('a double submit books once; the booker cancels and the place is free again', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const form = registrationForm(s.card.code, `occurrence-${s.show.id}`)
    await Promise.all([
      book(client, s.distributorUser, form),
      book(client, s.distributorUser, form),
    ])
    assert.equal(await countUses(), 1)
    const use = await CardUse.query().firstOrFail()

    const colleague = await createUser('distributor')
    const foreign = await client
      .post(urlFor('client_bookings.cancel', { id: use.id }))
      .withCsrfToken()
      .loginAs(colleague)
      .redirects(0)
    foreign.assertStatus(404)

    const cancelled = await client
      .post(urlFor('client_bookings.cancel', { id: use.id }))
      .withCsrfToken()
      .loginAs(s.distributorUser)
      .redirects(0)
    cancelled.assertHeader('location', urlFor('client_bookings.index'))
    await use.refresh()
    assert.deepEqual([use.status, use.cancelledBy], ['cancelled', 'booker'])
    const roster = await client.get(urlFor('rosters.show', { id: s.show.id })).loginAs(s.venueUser)
    roster.assertTextIncludes('varaaja perui')
  })

  test('only distributors book; a forged CSRF token books nothing', async ({ client, assert }) => {
    const s = await scene()
    const asVenue = await client.get(urlFor('client_bookings.create')).loginAs(s.venueUser)
    asVenue.assertStatus(404)
    const forged = await client
      .post(urlFor('client_bookings.store'))
      .form({ ...registrationForm(s.card.code, `occurrence-${s.show.id}`), _csrf: 'forged' })
      .loginAs(s.distributorUser)
      .redirects(0)
    forged.assertStatus(403)
    assert.equal(await countUses(), 0)
  })
})
