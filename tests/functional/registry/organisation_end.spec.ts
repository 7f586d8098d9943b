import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import CardCheckService from '#registry/services/card_check_service'
import { createUser, issueCard, PASSWORD } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer } from '#tests/helpers/offer_fixtures'

/* A partner that does not continue: its end date (issue 21). */
const endOn = (user: { organisationId: number | null }, endsOn: DateTime) =>
  Organisation.query().where('id', user.organisationId!).update({ ends_on: endsOn.toISODate() })

test.group('An organisation that does not continue', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('after its last day its users cannot sign in and their open sessions end; on the day itself they still work', async ({
    client,
  }) => {
    const user = await createUser('venue')
    ;(await client.get(urlFor('registrations.create')).loginAs(user)).assertStatus(200)

    await endOn(user, DateTime.now())
    ;(await client.get(urlFor('registrations.create')).loginAs(user)).assertStatus(200)

    await endOn(user, DateTime.now().minus({ days: 1 }))
    const next = await client.get(urlFor('registrations.create')).loginAs(user).redirects(0)
    next.assertHeader('location', urlFor('session.create'))
    const signIn = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
    signIn.assertTextIncludes('Sähköpostiosoite tai salasana on väärin.')
  })

  test('its offers leave the public lists; the cards it issued keep working', async ({
    client,
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue, { title: 'Viimeinen näytös' })
    await createOccurrence(offer, { daysAhead: 5 })
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)

    ;(await client.get(urlFor('public_offers.index'))).assertTextIncludes('Viimeinen näytös')
    await endOn(venueUser, DateTime.now().minus({ days: 1 }))
    await endOn(distributor, DateTime.now().minus({ days: 1 }))
    const list = await client.get(urlFor('public_offers.index'))
    assert.notInclude(list.text(), 'Viimeinen näytös')
    ;(await client.get(urlFor('public_offers.show', { id: offer.id }))).assertStatus(404)

    const check = await new CardCheckService().check(card.code)
    assert.equal(check.status, 'valid')
  })

  test('the national centre sets the last day in the organisation form', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const distributor = await createUser('distributor')
    const organisation = await Organisation.findOrFail(distributor.organisationId)
    const response = await client
      .put(urlFor('organisations.update', { id: organisation.id }))
      .form({
        name: organisation.name,
        type: organisation.type,
        areaId: organisation.areaId,
        municipalityId: organisation.municipalityId,
        active: 'true',
        endsOn: '2026-12-31',
      })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    response.assertStatus(302)
    await organisation.refresh()
    assert.equal(organisation.endsOn?.toISODate(), '2026-12-31')
    const page = await client
      .get(urlFor('organisations.show', { id: organisation.id }))
      .loginAs(admin)
    page.assertTextIncludes('31.12.2026')
  })
})
