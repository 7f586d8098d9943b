import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import WaitingListEntry from '#usage/models/waiting_list_entry'
import CardUse from '#usage/models/card_use'
import UseChanges from '#usage/services/use_changes'
import { formatCardCode } from '#registry/services/card_code'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import {
  createOccurrence,
  createOffer,
  recordUse,
  registrationForm,
} from '#tests/helpers/offer_fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'
import { optIn } from '#tests/helpers/messaging'

/** A published show with one card place, taken. */
async function fullShow() {
  const venueUser = await createUser('venue')
  const venue = await Organisation.findOrFail(venueUser.organisationId)
  const offer = await createOffer(venue, { published: true })
  const occurrence = await createOccurrence(offer, { capacity: 100, cardCap: 1 })
  const distributor = await createUser('distributor')
  const ticket = await recordUse((await issueCard(distributor)).code, offer, occurrence)
  return { venueUser, venue, offer, occurrence, distributor, ticket }
}

test.group('Waiting list pages', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('the box office: "no card places left" offers the waiting list, and the roster shows it', async ({
    client,
    assert,
  }) => {
    const world = await fullShow()
    const card = await issueCard(world.distributor, { childrenCount: 0 })
    const choice = `occurrence-${world.occurrence.id}`
    const refused = await client
      .post(urlFor('registrations.store'))
      .form(registrationForm(card.code, choice))
      .withCsrfToken()
      .loginAs(world.venueUser)
    refused.assertTextIncludes('data-waiting-list-join')
    refused.assertTextIncludes(urlFor('waiting_lists.store_at_box_office'))

    const forged = await client
      .post(urlFor('waiting_lists.store_at_box_office'))
      .form({ code: card.code, choice })
      .loginAs(world.venueUser)
    forged.assertStatus(403)
    const joined = await client
      .post(urlFor('waiting_lists.store_at_box_office'))
      .form({ code: card.code, choice })
      .withCsrfToken()
      .loginAs(world.venueUser)
    joined.assertTextIncludes(
      `Kortti ${formatCardCode(card.code)} on jonotuslistalla. Sen paikka jonossa: 1.`
    )
    await client
      .post(urlFor('waiting_lists.store_at_box_office'))
      .form({ code: card.code, choice })
      .withCsrfToken()
      .loginAs(world.venueUser)
    assert.lengthOf(await WaitingListEntry.query().where('card_code', card.code), 1, 'added once')

    const roster = await client
      .get(urlFor('rosters.show', { id: world.occurrence.id }))
      .loginAs(world.venueUser)
    roster.assertTextIncludes(formatCardCode(card.code))
    roster.assertTextIncludes('Jonossa')
    const csv = await client
      .get(urlFor('rosters.export', { id: world.occurrence.id }))
      .loginAs(world.venueUser)
    assert.include(csv.text(), `"${card.code}",1,0,"","Jonotuslista: Jonossa (1.)",`)

    const entry = await WaitingListEntry.findByOrFail('card_code', card.code)
    const otherVenue = await createUser('venue')
    const notOurs = await client
      .post(urlFor('waiting_lists.destroy', { id: entry.id }))
      .withCsrfToken()
      .loginAs(otherVenue)
    notOurs.assertStatus(404)
    await client
      .post(urlFor('waiting_lists.destroy', { id: entry.id }))
      .withCsrfToken()
      .loginAs(world.venueUser)
    assert.equal((await WaitingListEntry.findOrFail(entry.id)).status, 'removed')
  })

  test('a distributor puts its own card on a full show’s list; another organisation’s card is not found', async ({
    client,
    assert,
  }) => {
    const world = await fullShow()
    const card = await issueCard(world.distributor, { childrenCount: 0 })
    const cardPage = await client
      .get(urlFor('cards.show', { id: card.id }))
      .loginAs(world.distributor)
    cardPage.assertTextIncludes(urlFor('waiting_lists.create_for_card', { id: card.id }))
    const page = await client
      .get(urlFor('waiting_lists.create_for_card', { id: card.id }))
      .loginAs(world.distributor)
    page.assertTextIncludes(world.offer.title)

    const empty = await client
      .post(urlFor('waiting_lists.store_for_card', { id: card.id }))
      .form({ occurrence: '' })
      .withCsrfToken()
      .loginAs(world.distributor)
    empty.assertTextIncludes('Valitse esitys.')
    const joined = await client
      .post(urlFor('waiting_lists.store_for_card', { id: card.id }))
      .form({ occurrence: String(world.occurrence.id) })
      .withCsrfToken()
      .loginAs(world.distributor)
    joined.assertTextIncludes('Sen paikka jonossa: 1.')

    const stranger = await createUser('distributor')
    const other = await client
      .get(urlFor('waiting_lists.create_for_card', { id: card.id }))
      .loginAs(stranger)
    other.assertStatus(404)
    assert.lengthOf(await WaitingListEntry.query().where('card_code', card.code), 1)
  })

  test('a community card waits with its group: carried from the box office, asked on the card page', async ({
    client,
    assert,
  }) => {
    const world = await fullShow()
    const worker = await issueCard(world.distributor, {
      type: 'community',
      communityRole: 'worker',
    })
    const choice = `occurrence-${world.occurrence.id}`
    const refused = await client
      .post(urlFor('registrations.store'))
      .form(registrationForm(worker.code, choice, { groupSize: '3' }))
      .withCsrfToken()
      .loginAs(world.venueUser)
    refused.assertTextIncludes('name="groupSize" value="3"')
    await client
      .post(urlFor('waiting_lists.store_at_box_office'))
      .form({ code: worker.code, choice, groupSize: '3' })
      .withCsrfToken()
      .loginAs(world.venueUser)
    const atDesk = await WaitingListEntry.findByOrFail('card_code', worker.code)
    assert.equal(atDesk.groupSize, 3)

    const other = await issueCard(world.distributor, { type: 'community', communityRole: 'worker' })
    const page = await client
      .get(urlFor('waiting_lists.create_for_card', { id: other.id }))
      .loginAs(world.distributor)
    page.assertTextIncludes('name="groupSize"')
    const noGroup = await client
      .post(urlFor('waiting_lists.store_for_card', { id: other.id }))
      .form({ occurrence: String(world.occurrence.id) })
      .withCsrfToken()
      .loginAs(world.distributor)
    noGroup.assertTextIncludes('id="groupSize-error"')
    assert.isNull(await WaitingListEntry.findBy('card_code', other.code), 'nothing half-written')
  })

  test('OmaKaiku: join from the offer page, see the place, and take an offered place with its button', async ({
    client,
    assert,
  }) => {
    const world = await fullShow()
    const card = await issueCard(world.distributor, { childrenCount: 0 })
    const account = await createHolder(card)
    await optIn(account, ['ticketReminders'], ['byEmail'])
    const holder = await HolderBrowser.signedIn(client, account.email)

    const offerPage = await holder.get(urlFor('holder_offers.show', { id: world.offer.id }))
    assert.include(offerPage.text(), 'Liity jonotuslistalle')
    const joined = await holder.post(urlFor('holder_waiting_lists.store'), {
      occurrence: world.occurrence.id,
      offer: world.offer.id,
    })
    joined.assertHeader('location', urlFor('holder_waiting_lists.index'))
    const lists = await holder.get(urlFor('holder_waiting_lists.index'))
    assert.include(lists.text(), 'Paikkasi jonossa: 1')
    const myData = await holder.get(urlFor('my_data.download'))
    assert.containsSubset(JSON.parse(myData.text()).registry.waitingLists, [
      { event: world.offer.title, status: 'waiting', addedByHolder: true, childrenCount: 0 },
    ])

    await new UseChanges().cancelByVenue(world.ticket)
    const offered = await holder.get(urlFor('holder_waiting_lists.index'))
    assert.include(offered.text(), 'Kyllä, tulen')
    const entry = await WaitingListEntry.findByOrFail('card_code', card.code)

    const stranger = await createHolder(await issueCard(world.distributor))
    const other = await HolderBrowser.signedIn(client, stranger.email)
    const notTheirs = await other.post(urlFor('holder_waiting_lists.answer', { id: entry.id }), {
      answer: 'yes',
    })
    notTheirs.assertStatus(404)

    const accepted = await holder.post(urlFor('holder_waiting_lists.answer', { id: entry.id }), {
      answer: 'yes',
    })
    accepted.assertHeader('location', urlFor('my_events.index'))
    assert.lengthOf(
      await CardUse.query().where('card_code', card.code).where('status', 'registered'),
      1
    )
  })
})
