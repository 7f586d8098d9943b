import { readFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Area from '#registry/models/area'
import type { ImportLine, ImportOutcome, ImportProblem } from '#core/services/import_kind'
import { toSqlDateTime, today } from '#core/services/time'
import { dashboardSection } from '#stats/services/dashboards'
import type { StatContext } from '#stats/services/statistic_context'
import { refreshSummaries } from '#stats/services/summary_refresh'
import { yearlyTotalsImport, type YearlyTotalsRow } from '#stats/services/yearly_totals_import'
import { createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import { summarySnapshot } from '#tests/helpers/stats'

/*
| The old register's yearly totals through the kind's four steps, as the
| import machinery runs them (prepare, parse, classify, write), then the
| statistics refresh: the public page and the dashboards count them.
*/
const EXAMPLE = 'docs/import-examples/yearly_totals.csv'

/** The real areas (database/data/areas.json), as a fresh register has them. */
async function realAreas() {
  const raw = await readFile(app.makePath('database/data/areas.json'), 'utf8')
  const { areas } = JSON.parse(raw) as { areas: { name: string }[] }
  const byName = new Map<string, Area>()
  for (const { name } of areas) {
    byName.set(name, await Area.firstOrCreate({ name }, { status: 'in_use' }))
  }
  return byName
}

function linesOf(text: string): ImportLine[] {
  const records = parse(text, { delimiter: ';', columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[]
  return records.map((values, index) => ({ row: index + 2, values }))
}

/** One file through the kind: what each row came to, and the rows written in one transaction. */
async function importTotals(text: string) {
  const registry = db.connection('registry')
  const context = await yearlyTotalsImport.prepare(registry)
  const refused: Array<ImportProblem & { row: number }> = []
  const rows: YearlyTotalsRow[] = []
  const rowNumbers: number[] = []
  for (const line of linesOf(text)) {
    const parsed = yearlyTotalsImport.parse(line, context)
    if ('problems' in parsed) refused.push(...parsed.problems.map((p) => ({ row: line.row, ...p })))
    else {
      rows.push(parsed.row)
      rowNumbers.push(line.row)
    }
  }
  const outcomes = await yearlyTotalsImport.classify(rows, registry, context)
  const counts = { add: 0, update: 0, skip: 0 }
  const toWrite: Array<{ row: YearlyTotalsRow; outcome: 'add' | 'update' }> = []
  outcomes.forEach((outcome: ImportOutcome | ImportProblem, index) => {
    if (typeof outcome === 'object') refused.push({ row: rowNumbers[index], ...outcome })
    else {
      counts[outcome]++
      if (outcome !== 'skip') toWrite.push({ row: rows[index], outcome })
    }
  })
  if (!refused.length) {
    await registry.transaction((trx) => yearlyTotalsImport.write(toWrite, trx, context))
  }
  return { ...counts, refused }
}

const exampleText = () => readFile(app.makePath(EXAMPLE), 'utf8')

/** The example file's sums of one area or one year. */
async function exampleSums(filter: (values: Record<string, string>) => boolean) {
  const lines = linesOf(await exampleText()).filter((line) => filter(line.values))
  const sum = (column: string) =>
    lines.reduce((total, line) => total + Number(line.values[column]), 0)
  return { cards: sum('cards'), uses: sum('uses'), children: sum('children') }
}

function areaContext(areaId: number | null, year: number, quarter: number | null = null) {
  return {
    scope: { areaId, organisationId: null, organisationType: null },
    filters: { year, quarter },
    t: (key: string) => key,
    locale: 'fi',
  } satisfies StatContext
}

const fi = (value: number) => value.toLocaleString('fi')

test.group('Yearly totals of the old register', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('the example file: the public page shows 88 188 cards and 251 566 uses up to 24.4.2025, the dashboards from 2015', async ({
    client,
    assert,
  }) => {
    const areas = await realAreas()
    // The register was set up a while ago (the genres come with it): a refresh then.
    const earlier = toSqlDateTime(DateTime.now().minus({ hours: 1 }))
    await db.connection('registry').from('genres').update({ updated_at: earlier })
    await refreshSummaries({ full: true })
    const result = await importTotals(await exampleText())
    assert.deepEqual(result.refused, [])
    assert.equal(result.add, linesOf(await exampleText()).length)

    // The next refresh copies the imported years, and regroups no card or use for them.
    const refresh = await refreshSummaries({ full: false })
    assert.deepEqual(
      refresh.totalsYears,
      Array.from({ length: 11 }, (_, index) => 2015 + index)
    )
    assert.deepEqual([refresh.full, refresh.cards, refresh.uses], [false, 0, 0])

    const page = await client.get(urlFor('public_statistics.show'))
    page.assertStatus(200)
    for (const figure of [88188, 251566, 42024]) page.assertTextIncludes(fi(figure))
    page.assertTextIncludes('24.4.2025')
    const espoo = await exampleSums((values) => values.area === 'Länsi-Uusimaa')
    const of2015 = await exampleSums((values) => values.year === '2015')
    assert.match(
      page.text(),
      new RegExp(`<th scope="row">2015</th><td class="numeric">${fi(of2015.cards)}</td>`)
    )
    assert.match(
      page.text(),
      new RegExp(
        `<th scope="row">Länsi-Uusimaa</th><td class="numeric">${fi(espoo.cards)}</td><td class="numeric">${fi(espoo.uses)}</td>`
      )
    )

    // An area's dashboard: the yearly series from 2015, the key figures of a whole year.
    const westId = areas.get('Länsi-Uusimaa')!.id
    const overview = await dashboardSection('area', 'overview', areaContext(westId, 2025))
    const cardsPerYear = overview.tables.find((table) => table.key === 'cards_per_year')!
    const usesPerYear = overview.tables.find((table) => table.key === 'uses_per_year')!
    assert.deepEqual(cardsPerYear.rows[0], {
      year: '2015',
      registered: of2015.cards,
      // The old register did not tell how many of 2015's cards were used.
      used: null,
      unused: null,
      usage_rate: null,
    })
    assert.deepEqual(usesPerYear.rows[0], {
      year: '2015',
      places: of2015.uses,
      children: of2015.children,
      registrations: null,
    })
    assert.equal(
      cardsPerYear.rows.reduce((sum, row) => sum + Number(row.registered), 0),
      espoo.cards
    )
    assert.include(cardsPerYear.definition, 'stats.history_totals.cards_per_year')
    const validity = overview.tables.find((table) => table.key === 'validity_now')!
    assert.include(validity.definition, 'stats.history_totals.left_out')
    const of2019 = await exampleSums(
      (values) => values.year === '2019' && values.area === 'Länsi-Uusimaa'
    )
    const figures = (await dashboardSection('area', 'overview', areaContext(westId, 2019))).figures
    assert.deepInclude(figures, { key: 'registered', value: of2019.cards, kind: 'count' })
    assert.deepInclude(figures, { key: 'places', value: of2019.uses, kind: 'count' })
    const quarter = await dashboardSection('area', 'overview', areaContext(westId, 2019, 2))
    assert.isTrue(quarter.figuresLeaveOutTotals)

    // The whole country: every year since 2015, the sums of the file.
    const country = await dashboardSection('area', 'overview', areaContext(null, today().year))
    const national = country.tables.find((table) => table.key === 'cards_per_year')!
    assert.equal(national.rows[0].year, '2015')
    assert.equal(
      national.rows.reduce((sum, row) => sum + Number(row.registered), 0),
      88188
    )

    // The page: the yearly table has 2015, and the years to choose go back to it.
    const admin = await createUser('admin')
    const dashboard = await client
      .get(urlFor('dashboards.show', { dashboard: 'area' }, { qs: { area: westId } }))
      .loginAs(admin)
    dashboard.assertStatus(200)
    const panel = dashboard.text().split('id="stat-cards_per_year"')[1].split('</section>')[0]
    assert.match(panel, /<th\s+scope="row"\s*>\s*2015\s*</)
    assert.include(panel, fi(of2015.cards))
    assert.match(dashboard.text(), /<option[^>]*value="2015"/)
  })

  test('the same file again changes nothing; a changed row is updated', async ({ assert }) => {
    await realAreas()
    const text = await exampleText()
    await importTotals(text)
    await refreshSummaries({ full: true })
    const stored = () =>
      db.connection('registry').from('stat_history_totals').select('*').orderBy('source_id')
    const [before, summariesBefore] = [await stored(), await summarySnapshot()]

    const again = await importTotals(text)
    assert.deepEqual(again, { add: 0, update: 0, skip: linesOf(text).length, refused: [] })
    await refreshSummaries({ full: false })
    assert.deepEqual(await stored(), before)
    assert.deepEqual(await summarySnapshot(), summariesBefore)

    // Kainuu's 2016 cards corrected from the old register: one update, and the page follows.
    const corrected = text.replace(/^(vt-2016-01;Kainuu;2016;;)(\d+);/m, (_, start, cards) => {
      return `${start}${Number(cards) + 12};`
    })
    assert.notEqual(corrected, text)
    const update = await importTotals(corrected)
    assert.deepInclude(update, { add: 0, update: 1, refused: [] })
    await refreshSummaries({ full: false })
    const cards = await db
      .connection('registry')
      .from('stat_area_card_years')
      .sum('registered as total')
      .first()
    assert.equal(Number(cards.total), 88188 + 12)
  })

  test('a year with detailed records is refused; totals up to the day before them are counted beside them', async ({
    assert,
  }) => {
    const areas = await realAreas()
    const kainuu = areas.get('Kainuu')!
    const distributor = await createUser('distributor', {
      organisation: await createOrganisation('distributor', kainuu),
    })
    const card = await issueCard(distributor)
    const year = today().year - 1
    await db
      .connection('registry')
      .from('cards')
      .where('id', card.id)
      .update({ issued_on: `${year}-06-15` })

    const header = 'id;area;year;up_to;cards;used_cards;uses;children'
    const refused = await importTotals(`${header}\nvt-k;Kainuu;${year};;500;300;1200;200\n`)
    assert.deepEqual(refused.refused, [
      {
        row: 2,
        column: 'year',
        reason: 'totals_overlap_records',
        params: { area: 'Kainuu', year, date: `15.6.${year}` },
      },
    ])
    assert.lengthOf(await db.connection('registry').from('stat_history_totals'), 0)

    // Totals that end before the first detailed record: the year counts both.
    const accepted = await importTotals(
      `${header}\nvt-k;kainuu;${year};14.6.${year};500;300;1200;200\n`
    )
    assert.deepInclude(accepted, { add: 1, refused: [] })
    await refreshSummaries({ full: true })
    const overview = await dashboardSection('area', 'overview', areaContext(kainuu.id, year))
    const row = overview.tables
      .find((table) => table.key === 'cards_per_year')!
      .rows.find((candidate) => candidate.year === String(year))
    assert.deepInclude(row, { registered: 501, used: 300 })
  })
})
