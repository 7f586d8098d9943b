import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { urlFor } from '@adonisjs/core/services/url_builder'
import CardUse from '#usage/models/card_use'
import Offer from '#offers/models/offer'
import type Card from '#registry/models/card'
import type { ImportOutcome, ImportProblem } from '#core/services/import_kind'
import { useImport, type ImportedUse } from '#usage/services/use_import'
import { dashboardSection } from '#stats/services/dashboards'
import type { StatContext } from '#stats/services/statistic_context'
import { refreshSummaries } from '#stats/services/summary_refresh'
import { formatCardCode } from '#registry/services/card_code'
import { createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import { createHolder, HolderBrowser } from '#tests/helpers/holder'

/*
| The old register's uses, through the contract the import machinery calls
| (core/services/import_kind.ts): prepare → parse → classify → write, in one
| transaction per file, as module `imports` runs them.
*/
type Values = Record<string, string>

const line = (values: Values, overrides: Values = {}): Values => ({
  id: randomUUID(),
  children: '0',
  status: 'registered',
  ...values,
  ...overrides,
})

/** One pass over the rows: what each became, and the rows written. */
async function importUses(lines: Values[]) {
  return db.connection('registry').transaction(async (trx) => {
    const context = await useImport.prepare(trx)
    const parsed = lines.map((values, index) =>
      useImport.parse({ row: index + 2, values }, context)
    )
    const rows = parsed.flatMap((result) => ('row' in result ? [result.row] : []))
    const outcomes = rows.length ? await useImport.classify(rows, trx, context) : []
    const writes = rows.flatMap((row, index) => {
      const outcome = outcomes[index]
      return outcome === 'add' || outcome === 'update' ? [{ row, outcome }] : []
    })
    await useImport.write(writes, trx, context)
    return {
      /** Per line: its problems from parsing or classifying, or its outcome. */
      results: parsed.map((result): ImportOutcome | ImportProblem[] => {
        if ('problems' in result) return result.problems
        const outcome = outcomes[rows.indexOf(result.row as ImportedUse)]
        return typeof outcome === 'string' ? outcome : [outcome]
      }),
    }
  })
}

const reasons = (result: ImportOutcome | ImportProblem[]) =>
  typeof result === 'string'
    ? result
    : result.map((problem) => `${problem.column} ${problem.reason}`)

/** A venue and a distributor with the old register's ids, and three cards. */
async function world() {
  const venue = await createOrganisation('venue')
  const partner = await createOrganisation('partner')
  const distributor = await createOrganisation('distributor')
  const ids = {
    venue: `V-${randomUUID()}`,
    partner: `P-${randomUUID()}`,
    distributor: `D-${randomUUID()}`,
  }
  const registry = db.connection('registry')
  await registry.from('organisations').where('id', venue.id).update({ source_id: ids.venue })
  await registry.from('organisations').where('id', partner.id).update({ source_id: ids.partner })
  await registry
    .from('organisations')
    .where('id', distributor.id)
    .update({ source_id: ids.distributor })
  const worker = await createUser('distributor', { organisation: distributor })
  const personal = await issueCard(worker, { childrenCount: 2 })
  const other = await issueCard(worker, { childrenCount: 0 })
  const community = await issueCard(worker, { type: 'community', communityRole: 'worker' })
  return { venue, partner, distributor, ids, worker, cards: { personal, other, community } }
}

type World = Awaited<ReturnType<typeof world>>

/** The old register's way of writing a code: in groups, lower case. */
const oldStyle = (card: Card) => formatCardCode(card.code).toLowerCase().replace(/-/g, ' ')

function oldFile(w: World) {
  return [
    line({
      id: 'old-1',
      card_code: oldStyle(w.cards.personal),
      venue: w.ids.venue,
      event: 'Joulukonsertti',
      event_date: '14.12.2016',
      places: '3',
      children: '2',
      status: 'käytetty',
    }),
    line({
      id: 'old-2',
      card_code: w.cards.other.code,
      venue: w.ids.venue,
      event: '  joulukonsertti ',
      event_date: '2016-12-14',
      places: '1',
      children: '',
      status: 'Peruttu',
    }),
    line({
      id: 'old-3',
      card_code: w.cards.community.code,
      venue: w.ids.partner,
      event: 'Taidepaja',
      event_date: '03.04.2017',
      places: '4',
      status: 'ei saapunut',
    }),
  ]
}

const importedUse = (sourceId: string) => CardUse.findByOrFail('source_id', sourceId)

test.group('Importing the old register’s uses', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('adds each use to an offer per venue and event, and the same file again changes nothing', async ({
    assert,
  }) => {
    const w = await world()
    const first = await importUses(oldFile(w))
    assert.deepEqual(first.results, ['add', 'add', 'add'])

    const concert = await importedUse('old-1')
    assert.equal(concert.cardCode, w.cards.personal.code)
    assert.equal(concert.organisationId, w.venue.id)
    assert.equal(concert.registeredByOrganisationId, w.venue.id)
    assert.isNull(concert.registeredByUserId)
    assert.isNull(concert.occurrenceId)
    assert.equal(concert.usedOn.toISODate(), '2016-12-14')
    assert.deepEqual([concert.places, concert.childrenCount, concert.groupSize], [3, 2, null])
    assert.equal(concert.status, 'registered')

    // The same event written differently is the same offer; a cancellation was the venue's.
    const cancelled = await importedUse('old-2')
    assert.equal(cancelled.offerId, concert.offerId)
    assert.deepEqual([cancelled.status, cancelled.cancelledBy], ['cancelled', 'venue'])
    assert.deepEqual([cancelled.places, cancelled.childrenCount], [1, 0])
    assert.notEqual(cancelled.submissionKey, concert.submissionKey)

    const workshop = await importedUse('old-3')
    assert.deepEqual([workshop.places, workshop.groupSize, workshop.status], [4, 4, 'no_show'])
    assert.equal(workshop.organisationId, w.partner.id)
    assert.notEqual(workshop.offerId, concert.offerId)

    const offer = await Offer.findOrFail(concert.offerId)
    assert.equal(offer.title, 'Joulukonsertti')
    assert.equal(offer.organisationId, w.venue.id)
    assert.isFalse(offer.published)

    const offersBefore = await Offer.query().whereIn('organisation_id', [w.venue.id, w.partner.id])
    const again = await importUses(oldFile(w))
    assert.deepEqual(again.results, ['skip', 'skip', 'skip'])
    assert.equal(
      (await CardUse.query().whereIn('source_id', ['old-1', 'old-2', 'old-3'])).length,
      3
    )
    const offersAfter = await Offer.query().whereIn('organisation_id', [w.venue.id, w.partner.id])
    assert.equal(offersAfter.length, offersBefore.length)
  })

  test('a changed row updates its use; a new event gets its offer', async ({ assert }) => {
    const w = await world()
    await importUses(oldFile(w))
    const before = await importedUse('old-1')
    const [first, second, third] = oldFile(w)
    const changed = await importUses([
      { ...first, places: '2', children: '1', status: 'no_show' },
      { ...second, event: 'Kevätkonsertti', event_date: '1.3.2017', status: 'registered' },
      third,
    ])
    assert.deepEqual(changed.results, ['update', 'update', 'skip'])

    const concert = await importedUse('old-1')
    assert.equal(concert.id, before.id)
    assert.deepEqual([concert.places, concert.childrenCount, concert.status], [2, 1, 'no_show'])
    const moved = await importedUse('old-2')
    assert.deepEqual([moved.status, moved.cancelledBy], ['registered', null])
    assert.equal(moved.usedOn.toISODate(), '2017-03-01')
    assert.notEqual(moved.offerId, concert.offerId)
    assert.equal((await Offer.findOrFail(moved.offerId)).title, 'Kevätkonsertti')

    const rerun = await importUses([
      { ...first, places: '2', children: '1', status: 'no_show' },
      { ...second, event: 'Kevätkonsertti', event_date: '1.3.2017', status: 'registered' },
      third,
    ])
    assert.deepEqual(rerun.results, ['skip', 'skip', 'skip'])
  })

  test('refuses rows that cannot be history, naming the column, in plain words', async ({
    assert,
  }) => {
    const w = await world()
    const good = oldFile(w)[0]
    const { results } = await importUses([
      line(good, { id: 'r-1', card_code: 'ZZZ-ZZZ-ZZZ' }),
      line(good, { id: 'r-2', venue: 'no-such-venue' }),
      line(good, { id: 'r-3', venue: w.ids.distributor }),
      line(good, { id: 'r-4', event_date: '31.2.2017' }),
      line(good, { id: 'r-5', event_date: '2017/03/01' }),
      line(good, { id: 'r-6', places: 'kaksi' }),
      line(good, { id: 'r-7', places: '0', children: '0' }),
      line(good, { id: 'r-8', places: '2', children: '2' }),
      line(good, { id: 'r-9', children: '1,5' }),
      line(good, { id: 'r-10', status: 'constructor' }),
      line(good, { id: 'r-11', event: ' ', card_code: '' }),
      line(good, { id: 'x'.repeat(65) }),
    ])
    assert.deepEqual(results.map(reasons), [
      ['card_code use_unknown_card'],
      ['venue use_unknown_venue'],
      ['venue use_not_a_venue'],
      ['event_date use_bad_date'],
      ['event_date use_bad_date'],
      ['places use_bad_places'],
      ['places use_bad_places'],
      ['children use_bad_children'],
      ['children use_bad_children'],
      ['status use_bad_status'],
      ['card_code use_missing', 'event use_missing'],
      ['id use_too_long'],
    ])
    const children = results[7] as ImportProblem[]
    assert.deepEqual(children[0].params, { min: 0, max: 1 })
    const sourceIds = results.map((_, index) => `r-${index + 1}`)
    assert.equal(await CardUse.query().whereIn('source_id', sourceIds).first(), null)

    for (const locale of ['fi', 'sv', 'en']) {
      for (const problem of results.flatMap((result) => (Array.isArray(result) ? result : []))) {
        const key = `import.refusals.${problem.reason}`
        assert.isTrue(i18nManager.locale(locale).hasMessage(key), `${locale} ${key}`)
      }
    }
    assert.equal(
      i18nManager.locale('fi').t('import.refusals.use_bad_children', children[0].params),
      'Kirjoita lasten määrä kokonaislukuna 0–1. Yksi paikoista on kortinhaltijan.'
    )
    const [venue] = results[1] as ImportProblem[]
    assert.equal(
      i18nManager.locale('fi').t(`import.refusals.${venue.reason}`, venue.params),
      'Organisaatiota ”no-such-venue” ei ole tuotu. Kirjoita organisaation tunnus niin kuin se on organisaatiotiedostossa, ja tuo organisaatiot ennen käyttökertoja.'
    )
  })

  test('the offer made for the import is on no list: not public, not in OmaKaiku, not at the box office', async ({
    client,
    assert,
  }) => {
    const w = await world()
    // Even a booking for next week in the old register stays history.
    const nextWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10)
    await importUses([
      line({
        id: 'list-1',
        card_code: w.cards.personal.code,
        venue: w.ids.venue,
        event: 'Vanha kevätnäytös',
        event_date: nextWeek,
        places: '1',
      }),
    ])
    const use = await importedUse('list-1')

    const list = await client.get(urlFor('public_offers.index'))
    list.assertStatus(200)
    assert.notInclude(list.text(), 'Vanha kevätnäytös')
    const page = await client.get(urlFor('public_offers.show', { id: use.offerId }))
    page.assertStatus(404)

    const account = await createHolder(w.cards.personal)
    const holder = await HolderBrowser.signedIn(client, account.email)
    const offers = await holder.get(urlFor('holder_offers.index'))
    offers.assertStatus(200)
    assert.notInclude(offers.text(), 'Vanha kevätnäytös')

    const staff = await createUser('venue', { organisation: w.venue })
    const form = await client.get(urlFor('registrations.create')).loginAs(staff)
    form.assertStatus(200)
    assert.notInclude(form.text(), 'Vanha kevätnäytös')
  })

  test("the venue's statistics count the imported uses by event after a refresh", async ({
    assert,
  }) => {
    const w = await world()
    await importUses(oldFile(w))
    await refreshSummaries({ full: true })
    const context: StatContext = {
      scope: { areaId: w.venue.areaId, organisationId: w.venue.id, organisationType: 'venue' },
      filters: { year: 2016, quarter: null },
      t: (key, data) => (data ? `${key} ${JSON.stringify(data)}` : key),
      locale: 'fi',
    }
    const overview = await dashboardSection('venue', 'overview', context)
    assert.deepEqual(
      Object.fromEntries(overview.figures.map((figure) => [figure.key, figure.value])),
      { places: 3, children: 2 }
    )
    const events = await dashboardSection('venue', 'events', context)
    const perEvent = events.tables.find((table) => table.key === 'uses_per_event')!
    // The cancelled use does not count; the event is listed by its month.
    assert.deepEqual(
      perEvent.rows.map((row) => [row.event, row.registrations, row.cards, row.places]),
      [['Joulukonsertti, stats.month.12', 1, 1, 3]]
    )
  })
})
