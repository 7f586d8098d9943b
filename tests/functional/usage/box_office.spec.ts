import { test } from '@japa/runner'
import Organisation from '#registry/models/organisation'
import testUtils from '@adonisjs/core/services/test_utils'
import CardUse from '#usage/models/card_use'
import UseChanges from '#usage/services/use_changes'
import { createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import {
  countUses,
  createOccurrence,
  createOffer,
  recordUse,
  registrationForm,
} from '#tests/helpers/offer_fixtures'
import { today } from '#core/services/time'
import { readCsv } from '#tests/helpers/csv'
import { urlFor } from '@adonisjs/core/services/url_builder'
import {
  cardRefusalIn,
  chosenShow,
  radioShows,
  register,
  scene,
  show,
} from '#tests/helpers/registration_scene'

test.group('Registering a use: the box office', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test("the form offers today's shows first, and a registration stores the code and no name", async ({
    client,
    assert,
  }) => {
    const s = await scene({}, { cardCap: 5 })
    const tonight = await createOccurrence(s.offer, { daysAhead: 0, cardCap: 5 })
    const form = await client.get(urlFor('registrations.create')).loginAs(s.venueUser)
    form.assertStatus(200)
    // Today's show is a radio button, chosen; the coming one waits in the select below.
    assert.equal(chosenShow(form.text()), show(tonight))
    assert.deepEqual(radioShows(form.text()), [show(tonight)])
    assert.isBelow(form.text().indexOf(show(tonight)), form.text().indexOf(show(s.occurrence)))

    const page = await register(
      client,
      s.venueUser,
      registrationForm(
        s.card.code.slice(0, 3) +
          '-' +
          s.card.code.slice(3, 6) +
          ' ' +
          s.card.code.slice(6).toLowerCase(),
        show(tonight),
        { childrenCount: '1' }
      )
    )
    page.assertTextIncludes('Kirjattu: kortti')
    page.assertTextIncludes('2 paikkaa, 1 lapsi')
    // The same show stays selected for the next card in the queue.
    assert.equal(chosenShow(page.text()), show(tonight))
    const use = await CardUse.query().where('occurrence_id', tonight.id).firstOrFail()
    assert.equal(use.cardCode, s.card.code)
    assert.equal(use.places, 2)
    assert.equal(use.registeredByUserId, s.venueUser.id)
    assert.equal(use.registeredByOrganisationId, s.venue.id)
    assert.equal(use.usedOn.toISODate(), today().toISODate())

    const roster = await client.get(urlFor('rosters.show', { id: tonight.id })).loginAs(s.venueUser)
    roster.assertTextIncludes(s.card.code.slice(0, 3) + '-')
    assert.match(roster.text(), /Korttipaikkoja jäljellä<\/dt><dd>3</)
  })

  test('a double-submitted form and a retried request register once', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const form = registrationForm(s.card.code, show(s.occurrence))
    await register(client, s.venueUser, form)
    const again = await register(client, s.venueUser, form)
    again.assertTextIncludes('Kirjattu: kortti')
    assert.equal(
      await CardUse.query()
        .where('card_code', s.card.code)
        .count('* as n')
        .then((r) => Number(r[0].$extras.n)),
      1
    )

    // Five copies of one request arriving at once, as a flaky network retries it.
    // Once per production: a copy must answer with the first one's use, not refuse it.
    s.offer.oncePerCard = true
    await s.offer.save()
    const other = await issueCard(s.distributor)
    const retried = registrationForm(other.code, show(s.occurrence))
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => register(client, s.venueUser, retried))
    )
    for (const answer of answers) answer.assertTextIncludes('Kirjattu: kortti')
    const uses = await CardUse.query().where('card_code', other.code)
    assert.lengthOf(uses, 1)
  })

  test('malformed input gets a clear message and nothing is written', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const before = await countUses()
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ code: '' }, 'code', 'Kirjoita kortin koodi.'],
      [{ choice: 'occurrence-999999' }, 'choice', 'Valitse esitys tai tarjous listasta.'],
      [{ choice: 'drop table' }, 'choice', 'Valitse esitys tai tarjous listasta.'],
      [{ childrenCount: '-1' }, 'childrenCount', 'Lasten määrän pitää olla 0–20.'],
      [{ childrenCount: 'kaksi' }, 'childrenCount', 'lasten määrä'],
    ]
    for (const [overrides, field, message] of cases) {
      const page = await register(
        client,
        s.venueUser,
        registrationForm(s.card.code, show(s.occurrence), overrides)
      ).header('referer', urlFor('registrations.create'))
      page.assertTextIncludes(message)
      assert.include(page.text(), `id="${field}-error"`, JSON.stringify(overrides))
    }
    // A misread code is an answer about the card: the code stays for the next scan.
    for (const [code, message] of [
      ['ABC-DEF', 'Kortin koodissa on 9 merkkiä.'],
      ['ÄÖÅ-123-456', 'Koodissa on merkki, jota korttikoodeissa ei ole.'],
    ]) {
      const page = await register(
        client,
        s.venueUser,
        registrationForm(code, show(s.occurrence))
      ).header('referer', urlFor('registrations.create'))
      const answer = cardRefusalIn(page.text())
      assert.include(answer, message, code)
      assert.include(answer, 'Kerro kortinhaltijalle:')
      assert.include(answer, 'Pyydä kortti uudelleen')
      assert.include(page.text(), `value="${code}"`)
    }
    assert.equal(await countUses(), before)
  })

  test("a venue cannot register for, see or change another venue's shows and uses", async ({
    client,
    assert,
  }) => {
    const mine = await scene()
    const theirs = await scene()
    const before = await countUses()
    const page = await register(
      client,
      mine.venueUser,
      registrationForm(mine.card.code, show(theirs.occurrence))
    )
    page.assertTextIncludes('Valitse esitys tai tarjous listasta.')
    assert.equal(await countUses(), before)

    await register(
      client,
      theirs.venueUser,
      registrationForm(theirs.card.code, show(theirs.occurrence))
    )
    const use = await CardUse.findByOrFail('occurrence_id', theirs.occurrence.id)
    for (const url of [
      urlFor('rosters.show', { id: theirs.occurrence.id }),
      urlFor('rosters.export', { id: theirs.occurrence.id }),
      urlFor('venue_offers.show', { id: theirs.offer.id }),
      urlFor('venue_offers.edit', { id: theirs.offer.id }),
      urlFor('occurrences.create', { offerId: theirs.offer.id }),
    ]) {
      const response = await client.get(url).loginAs(mine.venueUser)
      response.assertStatus(404)
    }
    for (const change of ['cancel', 'no-show']) {
      const response = await client
        .post(urlFor('use_changes.update', { id: use.id, change }))
        .withCsrfToken()
        .loginAs(mine.venueUser)
      response.assertStatus(404)
    }
    await use.refresh()
    assert.equal(use.status, 'registered')
  })

  test('a show number that has come to name another show registers for the show it names now', async ({
    client,
    assert,
  }) => {
    // The box office remembers each show's offer; a database emptied and filled again reuses numbers.
    const first = await scene()
    await register(
      client,
      first.venueUser,
      registrationForm(first.card.code, show(first.occurrence))
    )
    const number = first.occurrence.id
    await CardUse.query().where('occurrence_id', number).delete()
    await first.occurrence.delete()
    const other = await createOffer(first.venue, { title: 'Toinen näytelmä' })
    const renumbered = await createOccurrence(other, { id: number })
    const card = await issueCard(first.distributor)

    await register(client, first.venueUser, registrationForm(card.code, show(renumbered)))
    const use = await CardUse.findByOrFail('card_code', card.code)
    assert.equal(use.occurrenceId, number)
    assert.equal(use.offerId, other.id)
  })

  test('a ticket agent registers for the venues of its area, and only published offers', async ({
    client,
    assert,
  }) => {
    const s = await scene()
    const agentOrganisation = await createOrganisation(
      'ticket_agent',
      await s.venue.related('area').query().firstOrFail()
    )
    const agent = await createUser('ticket_agent', { organisation: agentOrganisation })
    const elsewhere = await scene()
    const hidden = await createOffer(s.venue, { published: false })
    const hiddenShow = await createOccurrence(hidden)
    // A venue of the area still only proposed, not approved: not served yet.
    const proposed = await createOrganisation(
      'venue',
      await s.venue.related('area').query().firstOrFail()
    )
    await Organisation.query().where('id', proposed.id).update({ approval: 'proposed' })
    const proposedOffer = await createOffer(proposed, { title: 'Ehdotetun kohteen esitys' })
    const proposedShow = await createOccurrence(proposedOffer)
    const before = await countUses()

    const form = await client.get(urlFor('registrations.create')).loginAs(agent)
    form.assertTextIncludes(s.offer.title)
    assert.notInclude(form.text(), elsewhere.offer.title)
    assert.notInclude(form.text(), hidden.title)
    assert.notInclude(form.text(), proposedOffer.title)

    for (const choice of [show(elsewhere.occurrence), show(hiddenShow), show(proposedShow)]) {
      const refused = await register(client, agent, registrationForm(s.card.code, choice))
      refused.assertTextIncludes('Valitse esitys tai tarjous listasta.')
    }
    assert.equal(await countUses(), before)

    const ok = await register(client, agent, registrationForm(s.card.code, show(s.occurrence)))
    ok.assertTextIncludes('Kirjattu: kortti')
    const use = await CardUse.findByOrFail('card_code', s.card.code)
    assert.equal(use.organisationId, s.venue.id)
    assert.equal(use.registeredByOrganisationId, agentOrganisation.id)

    // Narrowed to one venue, the list shows only its shows, and the narrowing stays after a registration.
    const otherVenue = await createOrganisation(
      'venue',
      await s.venue.related('area').query().firstOrFail()
    )
    const otherOffer = await createOffer(otherVenue, { title: 'Toisen kohteen esitys' })
    await createOccurrence(otherOffer)
    const all = await client.get(urlFor('registrations.create')).loginAs(agent)
    all.assertTextIncludes('Toisen kohteen esitys')
    const narrowed = await client
      .get(urlFor('registrations.create', {}, { qs: { venue: s.venue.id } }))
      .loginAs(agent)
    narrowed.assertTextIncludes(s.offer.title)
    assert.notInclude(narrowed.text(), 'Toisen kohteen esitys')
    const second = await issueCard(await createUser('distributor'))
    const kept = await register(
      client,
      agent,
      registrationForm(second.code, show(s.occurrence), { venue: String(s.venue.id) })
    )
    kept.assertTextIncludes('Kirjattu: kortti')
    assert.notInclude(kept.text(), 'Toisen kohteen esitys')
    // A venue the agent does not serve is ignored, not shown.
    const foreign = await client
      .get(urlFor('registrations.create', {}, { qs: { venue: elsewhere.venue.id } }))
      .loginAs(agent)
    assert.notInclude(foreign.text(), elsewhere.offer.title)

    // The roster is the venue's own.
    const roster = await client.get(urlFor('rosters.show', { id: s.occurrence.id })).loginAs(agent)
    roster.assertStatus(404)
  })

  test('cancelling a use frees its place under the cap; a no-show keeps it', async ({
    client,
    assert,
  }) => {
    const s = await scene({}, { cardCap: 1 })
    const second = await issueCard(s.distributor)
    await register(client, s.venueUser, registrationForm(s.card.code, show(s.occurrence)))
    const full = await register(
      client,
      s.venueUser,
      registrationForm(second.code, show(s.occurrence))
    )
    full.assertTextIncludes('Tähän esitykseen ei ole enää korttipaikkoja.')

    const first = await CardUse.findByOrFail('card_code', s.card.code)
    const noShow = await client
      .post(urlFor('use_changes.update', { id: first.id, change: 'no-show' }))
      .withCsrfToken()
      .loginAs(s.venueUser)
    noShow.assertTextIncludes('Merkitty: ei saapunut.')
    const stillFull = await register(
      client,
      s.venueUser,
      registrationForm(second.code, show(s.occurrence))
    )
    stillFull.assertTextIncludes('Tähän esitykseen ei ole enää korttipaikkoja.')

    // A no-show has happened: it cannot be cancelled afterwards.
    const again = await client
      .post(urlFor('use_changes.update', { id: first.id, change: 'cancel' }))
      .withCsrfToken()
      .loginAs(s.venueUser)
    again.assertTextIncludes('Tämä käyttö on jo peruttu tai merkitty saapumatta jääneeksi.')

    await first.refresh()
    assert.equal(first.status, 'no_show')
    first.status = 'registered'
    await first.save()
    const cancelled = await client
      .post(urlFor('use_changes.update', { id: first.id, change: 'cancel' }))
      .withCsrfToken()
      .loginAs(s.venueUser)
    cancelled.assertTextIncludes('Käyttö peruttiin, ja paikka on taas vapaa.')
    await first.refresh()
    assert.equal(first.status, 'cancelled')
    assert.equal(first.cancelledBy, 'venue')

    const ok = await register(
      client,
      s.venueUser,
      registrationForm(second.code, show(s.occurrence))
    )
    ok.assertTextIncludes('Kirjattu: kortti')
  })

  test("a holder's cancellation reaches the venue's inbox; the list exports as CSV", async ({
    client,
    assert,
  }) => {
    const s = await scene({}, { cardCap: 4 })
    const other = await issueCard(s.distributor)
    await register(client, s.venueUser, registrationForm(s.card.code, show(s.occurrence)))
    await register(client, s.venueUser, registrationForm(other.code, show(s.occurrence)))
    const use = await CardUse.findByOrFail('card_code', s.card.code)

    const changes = new UseChanges()
    // Only the holder's own card code can cancel it.
    await assert.rejects(() => changes.cancelByHolder(other.code, use.id))
    await changes.cancelByHolder(s.card.code, use.id)
    await assert.rejects(() => changes.cancelByHolder(s.card.code, use.id), /not_changeable/)

    const inbox = await client.get(urlFor('inbox.index')).loginAs(s.venueUser)
    inbox.assertTextIncludes(s.offer.title)
    inbox.assertTextIncludes(s.card.code.slice(0, 3) + '-')
    inbox.assertTextIncludes('Uusi')
    inbox.assertTextIncludes('Peruutukset\n          <span class="nav-count">(1 uutta)</span>')
    assert.notInclude(inbox.text(), other.code.slice(0, 3) + '-' + other.code.slice(3, 6))
    const seen = await client.post(urlFor('inbox.mark_seen')).withCsrfToken().loginAs(s.venueUser)
    seen.assertTextIncludes('Kaikki peruutukset on merkitty nähdyiksi.')
    assert.notInclude(seen.text(), 'badge--valid">Uusi')
    assert.notInclude(seen.text(), 'nav-count')

    // The venue's other inbox stays empty: only holder cancellations arrive.
    const elsewhere = await scene()
    const empty = await client.get(urlFor('inbox.index')).loginAs(elsewhere.venueUser)
    empty.assertTextIncludes('Ei peruutuksia.')

    const csv = await client
      .get(urlFor('rosters.export', { id: s.occurrence.id }))
      .loginAs(s.venueUser)
    csv.assertStatus(200)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    const rows = readCsv(csv.text())
    assert.deepEqual(rows[0], [
      'Kortin koodi',
      'Paikat',
      'Lapset',
      'Ryhmän koko',
      'Tila',
      'Kirjattu',
      'Varaaja',
    ])
    assert.lengthOf(rows, 3)
    assert.deepEqual(rows[1].slice(0, 5), [s.card.code, '1', '0', '', 'Peruttu'])
    assert.deepEqual(rows[2].slice(0, 5), [other.code, '1', '0', '', 'Kirjattu'])
  })

  test('a holder cannot cancel once the show has started', async ({ assert }) => {
    const s = await scene({}, { daysAhead: -1 })
    const use = await recordUse(s.card.code, s.offer, s.occurrence)
    await assert.rejects(
      () => new UseChanges().cancelByHolder(s.card.code, use.id),
      /holder_cancel_too_late/
    )
    await use.refresh()
    assert.equal(use.status, 'registered')
  })

  test('a forged CSRF token is refused and nothing is written', async ({ client, assert }) => {
    const s = await scene()
    const before = await countUses()
    const response = await client
      .post(urlFor('registrations.store'))
      .form({ ...registrationForm(s.card.code, show(s.occurrence)), _csrf: 'forged' })
      .loginAs(s.venueUser)
    response.assertStatus(403)
    assert.equal(await countUses(), before)
  })

  test('a refusal is said in the language the box office uses', async ({ client }) => {
    const s = await scene({ childrenAllowed: false })
    const cases: Array<[string, string]> = [
      ['sv', 'Barn kommer inte in gratis till det här erbjudandet.'],
      ['en', 'Children cannot come free to this offer.'],
    ]
    for (const [locale, message] of cases) {
      const page = await register(
        client,
        s.venueUser,
        registrationForm(s.card.code, show(s.occurrence), { childrenCount: '1' })
      ).withPlainCookie('kaikukanta-locale', locale)
      page.assertTextIncludes(message)
    }
    const late = await scene({ bookingOpensDays: 7 }, { daysAhead: 20 })
    const english = await register(
      client,
      late.venueUser,
      registrationForm(late.card.code, show(late.occurrence))
    ).withPlainCookie('kaikukanta-locale', 'en')
    // The date the way an English reader writes it: 2 Dec 2026.
    english.assertTextIncludes(
      `It opens on ${late.occurrence.startsAt.setZone('Europe/Helsinki').minus({ days: 7 }).setLocale('en').toFormat('d LLL yyyy')}.`
    )
  })

  test('distributors and coordinators cannot register uses', async ({ client }) => {
    const s = await scene()
    for (const user of [s.distributor, await createUser('area_coordinator')]) {
      const response = await client.get(urlFor('registrations.create')).loginAs(user)
      response.assertStatus(404)
    }
  })
})
