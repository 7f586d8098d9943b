import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import type Card from '#registry/models/card'
import Survey from '#surveys/models/survey'
import AccessibilityFeedback from '#feedback/models/accessibility_feedback'
import ImportRun from '#imports/models/import_run'
import OutboxMessage from '#messaging/models/outbox_message'
import { formatCardCode } from '#registry/services/card_code'
import { pauseChannel, endPause } from '#messaging/services/channel_pauses'
import { today } from '#core/services/time'
import { createArea, createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { createHolder } from '#tests/helpers/holder'
import { chosenShow } from '#tests/helpers/registration_scene'
import PostService, { type PostInput } from '#bulletin/services/post_service'

/*
| The staff home page shows today's work by role (issue 22, item 10): the box
| office's shows today with places left, a distributor's cards ending this
| month and OmaKaiku invitations pending, a coordinator's and the national
| centre's queues, each as a count with a link to where it is handled.
*/
const registerLink = (occurrenceId: number) =>
  urlFor('registrations.create', {}, { qs: { choice: `occurrence-${occurrenceId}` } }).replace(
    /&/g,
    '&amp;'
  )

async function cardValidUntil(card: Card, validUntil: DateTime) {
  card.validUntil = validUntil
  await card.save()
  return card
}

test.group('Home page: today’s work', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a venue sees today’s show with card places left and a link to register uses on it, not another venue’s show', async ({
    client,
    assert,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue, { title: 'Iltanäytös' })
    const tonight = await createOccurrence(offer, { daysAhead: 0, capacity: 120, cardCap: 5 })
    const later = await createOccurrence(offer, { daysAhead: 4 })
    const card = await issueCard(await createUser('distributor'))
    await recordUse(card.code, offer, tonight, { places: 2 })
    await recordUse(card.code, offer, later, {
      status: 'cancelled',
      cancelledBy: 'holder',
      cancelledAt: DateTime.utc(),
    })
    const otherVenue = await createOrganisation('venue')
    const otherOffer = await createOffer(otherVenue, { title: 'Toisen talon ilta' })
    await createOccurrence(otherOffer, { daysAhead: 0 })

    const home = await client.get(urlFor('home.show')).loginAs(venueUser)
    home.assertStatus(200)
    home.assertTextIncludes('Tämän päivän esitykset')
    home.assertTextIncludes('19.00 Iltanäytös')
    home.assertTextIncludes('Korttipaikkoja jäljellä 3/5')
    home.assertTextIncludes('Paikkoja kaikkiaan 120')
    home.assertTextIncludes(`href="${registerLink(tonight.id)}"`)
    home.assertTextIncludes('1 uusi kortinhaltijan peruutus')
    home.assertTextIncludes(`href="${urlFor('inbox.index')}"`)
    assert.notInclude(home.text(), 'Toisen talon ilta')
    // The menu is in the header only: the old link list is gone from the page.
    assert.notInclude(home.text(), 'class="action-list"')

    // The link chooses the show in the box office.
    const boxOffice = await client
      .get(urlFor('registrations.create', {}, { qs: { choice: `occurrence-${tonight.id}` } }))
      .loginAs(venueUser)
    assert.equal(chosenShow(boxOffice.text()), `occurrence-${tonight.id}`)
  })

  test('with no show today the venue is told so and led to the next show; a ticket agent sees the shows of the venues it serves', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const venue = await createOrganisation('venue', area)
    const venueUser = await createUser('venue', { organisation: venue })
    const offer = await createOffer(venue, { title: 'Ensi viikon konsertti' })
    const next = await createOccurrence(offer, { daysAhead: 5 })

    const quiet = await client.get(urlFor('home.show')).loginAs(venueUser)
    quiet.assertTextIncludes('Tänään ei ole esityksiä.')
    quiet.assertTextIncludes('Seuraava esitys: Ensi viikon konsertti')
    quiet.assertTextIncludes(`href="${registerLink(next.id)}"`)
    quiet.assertTextIncludes('Ei uusia kortinhaltijoiden peruutuksia')

    const tonight = await createOccurrence(offer, { daysAhead: 0, cardCap: null, capacity: 40 })
    const agent = await createUser('ticket_agent', {
      organisation: await createOrganisation('ticket_agent', area),
    })
    const agentHome = await client.get(urlFor('home.show')).loginAs(agent)
    agentHome.assertTextIncludes('Ensi viikon konsertti')
    agentHome.assertTextIncludes(venue.name)
    agentHome.assertTextIncludes('Korttipaikkoja jäljellä 40/40')
    agentHome.assertTextIncludes(`href="${registerLink(tonight.id)}"`)
    // A ticket agent has no inbox of cancellations.
    assert.notInclude(agentHome.text(), 'peruutus')
  })

  test('a distributor sees its own cards ending this month, not next month’s or another organisation’s, and OmaKaiku invitations pending by code only', async ({
    client,
    assert,
  }) => {
    const distributor = await createUser('distributor')
    const endOfMonth = today().endOf('month').startOf('day')
    const ending = await cardValidUntil(await issueCard(distributor), endOfMonth)
    const nextMonth = await cardValidUntil(
      await issueCard(distributor),
      endOfMonth.plus({ days: 1 })
    )
    const ended = await cardValidUntil(await issueCard(distributor), endOfMonth)
    ended.status = 'ended'
    await ended.save()
    const others = await cardValidUntil(
      await issueCard(await createUser('distributor')),
      endOfMonth
    )
    const invited = await issueCard(distributor)
    await createHolder(invited, { activatedAt: null, firstName: 'Salainen' })
    const activated = await issueCard(distributor)
    await createHolder(activated)

    const home = await client.get(urlFor('home.show')).loginAs(distributor)
    home.assertStatus(200)
    const text = home.text()
    home.assertTextIncludes('Tässä kuussa päättyvät kortit')
    home.assertTextIncludes(
      `href="${urlFor('cards.show', { id: ending.id })}">${formatCardCode(ending.code)}</a>`
    )
    for (const absent of [nextMonth, ended, others, activated]) {
      assert.notInclude(text, formatCardCode(absent.code))
    }
    home.assertTextIncludes('Keskeneräiset OmaKaiku-kutsut')
    home.assertTextIncludes(
      `href="${urlFor('cards.show', { id: invited.id })}">${formatCardCode(invited.code)}</a>`
    )
    // Codes only: nothing about the holder.
    assert.notInclude(text, 'Salainen')
    assert.notInclude(text, '@example.fi')

    const quiet = await client.get(urlFor('home.show')).loginAs(await createUser('distributor'))
    quiet.assertTextIncludes('Yksikään organisaatiosi kortti ei pääty tässä kuussa.')
    quiet.assertTextIncludes('Keskeneräisiä OmaKaiku-kutsuja ei ole.')
  })

  test('a coordinator sees the own area’s queues only, as counts with links', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const { area: otherArea } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })

    const empty = await client.get(urlFor('home.show')).loginAs(coordinator)
    empty.assertTextIncludes('Mikään ei odota sinua nyt.')

    const proposed = await createOrganisation('distributor', area)
    proposed.merge({ approval: 'proposed', proposedAt: DateTime.utc() })
    await proposed.save()
    const elsewhere = await createOrganisation('distributor', otherArea)
    elsewhere.merge({ approval: 'proposed', proposedAt: DateTime.utc() })
    await elsewhere.save()

    const endOfMonth = today().endOf('month').startOf('day')
    const distributor = await createUser('distributor', {
      organisation: await createOrganisation('distributor', area),
    })
    await cardValidUntil(await issueCard(distributor), endOfMonth)
    await cardValidUntil(await issueCard(distributor), endOfMonth)
    await cardValidUntil(await issueCard(distributor), endOfMonth.plus({ days: 1 }))
    const farAway = await createUser('distributor', {
      organisation: await createOrganisation('distributor', otherArea),
    })
    await cardValidUntil(await issueCard(farAway), endOfMonth)

    const survey = (kind: 'partner', areaId: number) =>
      Survey.create({
        kind,
        title: 'Yhteistyökysely',
        language: 'fi',
        areaId,
        audience: 'all',
        openedAt: DateTime.utc().minus({ days: 1 }),
        closesAt: DateTime.utc().plus({ days: 10 }),
        submissionKey: randomUUID(),
      })
    await survey('partner', area.id)
    await survey('partner', otherArea.id)

    // A venue of the area writes to the whole area; a venue elsewhere to its own.
    const post = (venue: Organisation) =>
      createUser('venue', { organisation: venue }).then((author) =>
        new PostService().create(
          {
            audience: 'area',
            heading: 'Tervehdys alueelle',
            message: 'Tervetuloa syysnäytöksiin.',
            submissionKey: randomUUID(),
          } as PostInput,
          author
        )
      )
    await post(await createOrganisation('venue', area))
    await post(await createOrganisation('venue', otherArea))

    const home = await client.get(urlFor('home.show')).loginAs(coordinator)
    home.assertTextIncludes('Odottaa sinua')
    home.assertTextIncludes('1 lukematon viesti ilmoitustaululla')
    home.assertTextIncludes(
      urlFor('posts.index', {}, { qs: { unread: 'true' } }).replace(/&/g, '&amp;')
    )
    home.assertTextIncludes('1 ehdotuksesi odottaa Kaikukeskusta')
    home.assertTextIncludes(
      urlFor('organisations.index', {}, { qs: { approval: 'proposed' } }).replace(/&/g, '&amp;')
    )
    home.assertTextIncludes('1 kumppanikysely odottaa vastauksia')
    home.assertTextIncludes(`href="${urlFor('surveys.index')}"`)
    home.assertTextIncludes('Alueellasi 2 korttia päättyy tässä kuussa')
    assert.notInclude(home.text(), 'saavutettavuudesta')
    assert.notInclude(home.text(), 'class="action-list"')
  })

  test('the national centre sees proposals, accessibility feedback, delivery problems and imports under way', async ({
    client,
  }) => {
    const admin = await createUser('admin')
    const proposed = await createOrganisation('distributor')
    proposed.merge({ approval: 'proposed', proposedAt: DateTime.utc() })
    await proposed.save()
    await AccessibilityFeedback.create({
      concerns: 'Lomake',
      message: 'Painike ei toimi näppäimistöllä.',
      replyEmail: null,
      replyPhone: null,
      locale: 'fi',
      replyDueOn: today().plus({ days: 14 }),
      answeredAt: null,
      submissionKey: randomUUID(),
    })
    await ImportRun.create({
      kind: 'cards',
      dryRun: false,
      uploadedAs: 'kortit.csv',
      storedFile: null,
      status: 'running',
    })
    const holderCard = await issueCard(await createUser('distributor'))
    const account = await createHolder(holderCard)
    await OutboxMessage.create({
      idempotencyKey: `test:${holderCard.code}:dead:sms`,
      accountId: account.id,
      cardCode: holderCard.code,
      kind: 'ticket_reminder',
      channel: 'sms',
      params: {},
      status: 'dead',
      attempts: 6,
      nextAttemptAt: DateTime.now().minus({ hours: 1 }),
      lastError: 'sms: provider refused',
    })
    await pauseChannel(
      'sms',
      'credentials refused',
      DateTime.now(),
      DateTime.now().plus({ hours: 1 })
    )
    try {
      const count = async (query: { count: (...args: any[]) => any }) =>
        Number((await query.count('* as total'))[0].$extras.total)
      const proposals = await count(Organisation.query().where('approval', 'proposed'))
      const feedback = await count(AccessibilityFeedback.query().whereNull('answered_at'))
      const imports = await count(ImportRun.query().whereIn('status', ['queued', 'running']))
      const dead = await count(OutboxMessage.query().where('status', 'dead'))

      const home = await client.get(urlFor('home.show')).loginAs(admin)
      home.assertStatus(200)
      home.assertTextIncludes(
        proposals === 1
          ? '1 ehdotus odottaa päätöstäsi'
          : `${proposals} ehdotusta odottaa päätöstäsi`
      )
      home.assertTextIncludes(
        feedback === 1
          ? '1 palaute saavutettavuudesta odottaa vastausta'
          : `${feedback} palautetta saavutettavuudesta odottaa vastausta`
      )
      home.assertTextIncludes(`href="${urlFor('admin_feedback.index')}"`)
      home.assertTextIncludes(
        dead === 1
          ? '1 viesti kortinhaltijalle jäi perille menemättä'
          : `${dead} viestiä kortinhaltijoille jäi perille menemättä`
      )
      home.assertTextIncludes(`href="${urlFor('deliveries.dead_letters')}"`)
      home.assertTextIncludes('1 lähetyskanava on tauolla')
      home.assertTextIncludes(`href="${urlFor('deliveries.index')}"`)
      home.assertTextIncludes(
        imports === 1 ? '1 tuonti on käynnissä' : `${imports} tuontia on käynnissä`
      )
      home.assertTextIncludes(`href="${urlFor('imports.index')}"`)
    } finally {
      await endPause('sms')
    }
  })
})
