import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import app from '@adonisjs/core/services/app'
import { today } from '#core/services/time'
import type { ImportProblem } from '#core/services/import_kind'
import {
  yearlyTotalsImport,
  type YearlyTotalsContext,
  type YearlyTotalsRow,
} from '#stats/services/yearly_totals_import'

/*
| The yearly totals kind without a database: the example file in the
| repository adds up to the figures of the feedback-meeting material
| (24.4.2025: 88 188 cards, 251 566 uses, 42 024 of them for children), and
| each thing wrong in a row is refused on its column with its reason.
*/

/** The areas of database/data/areas.json, numbered in file order; today as given. */
async function areasContext(day = today().toISODate()!): Promise<YearlyTotalsContext> {
  const raw = await readFile(app.makePath('database/data/areas.json'), 'utf8')
  const { areas } = JSON.parse(raw) as { areas: { name: string }[] }
  return {
    areas: new Map(
      areas.map((area, index) => [area.name.toLocaleLowerCase('fi'), { id: index + 1, ...area }])
    ),
    today: day,
  }
}

async function exampleLines() {
  const text = await readFile(app.makePath('docs/import-examples/yearly_totals.csv'), 'utf8')
  return parse(text, { delimiter: ';', columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[]
}

const GOOD = {
  id: 'vt-1',
  area: 'Kainuu',
  year: '2018',
  up_to: '',
  cards: '120',
  used_cards: '70',
  uses: '300',
  children: '40',
}

/** The problems of one row on 15.6.2026, as "column reason". */
async function refusalsOf(values: Partial<typeof GOOD>) {
  const result = yearlyTotalsImport.parse(
    { row: 2, values: { ...GOOD, ...values } },
    await areasContext('2026-06-15')
  )
  return 'problems' in result
    ? result.problems.map((problem: ImportProblem) => `${problem.column} ${problem.reason}`)
    : []
}

test.group('Yearly totals import: the example file', () => {
  test('adds up to 88 188 cards, 251 566 uses and 42 024 for children, up to 24.4.2025', async ({
    assert,
  }) => {
    const lines = await exampleLines()
    const context = await areasContext()
    assert.sameMembers(Object.keys(lines[0]), [
      ...yearlyTotalsImport.required,
      ...yearlyTotalsImport.optional,
    ])
    const rows: YearlyTotalsRow[] = lines.map((values, index) => {
      const result = yearlyTotalsImport.parse({ row: index + 2, values }, context)
      if ('problems' in result) throw new Error(`row ${index + 2}: ${JSON.stringify(result)}`)
      return result.row
    })
    const sum = (value: (row: YearlyTotalsRow) => number) =>
      rows.reduce((total, row) => total + value(row), 0)
    assert.equal(
      sum((row) => row.cards),
      88188
    )
    assert.equal(
      sum((row) => row.uses),
      251566
    )
    assert.equal(
      sum((row) => row.children),
      42024
    )
    assert.equal(
      rows
        .map((row) => row.upTo)
        .sort()
        .at(-1),
      '2025-04-24'
    )
    assert.isTrue(rows.filter((row) => row.year === 2025).every((row) => row.upTo === '2025-04-24'))
    // Espoo (Länsi-Uusimaa) from 2015, Kainuu from 2016; one row per area and year.
    const firstYear = (area: string) =>
      Math.min(...rows.filter((row) => row.areaName === area).map((row) => row.year))
    assert.equal(firstYear('Länsi-Uusimaa'), 2015)
    assert.equal(firstYear('Kainuu'), 2016)
    assert.deepEqual(
      rows.filter((row) => row.year === 2015).map((row) => row.areaName),
      ['Länsi-Uusimaa']
    )
    const keys = rows.map((row) => yearlyTotalsImport.uniqueKeys(row))
    assert.equal(new Set(keys.map((key) => key.id)).size, rows.length)
    assert.equal(new Set(keys.map((key) => key.year)).size, rows.length)
  })
})

test.group('Yearly totals import: a row', () => {
  test('a good row: the area in any case, dates in either form, the end of the year by default', async ({
    assert,
  }) => {
    const context = await areasContext()
    const parseRow = (values: Partial<typeof GOOD>) =>
      yearlyTotalsImport.parse({ row: 2, values: { ...GOOD, ...values } }, context)
    assert.deepEqual(parseRow({ area: ' kAINUU ' }), {
      row: {
        sourceId: 'vt-1',
        areaId: context.areas.get('kainuu')!.id,
        areaName: 'Kainuu',
        year: 2018,
        upTo: '2018-12-31',
        cards: 120,
        usedCards: 70,
        uses: 300,
        children: 40,
      },
    })
    assert.equal(
      (parseRow({ up_to: '30.6.2018' }) as { row: YearlyTotalsRow }).row.upTo,
      '2018-06-30'
    )
    assert.equal(
      (parseRow({ up_to: '2018-06-30' }) as { row: YearlyTotalsRow }).row.upTo,
      '2018-06-30'
    )
    assert.isNull((parseRow({ used_cards: '' }) as { row: YearlyTotalsRow }).row.usedCards)
  })

  test('each thing wrong is refused on its column', async ({ assert }) => {
    assert.deepEqual(await refusalsOf({ area: 'Atlantis' }), ['area totals_unknown_area'])
    assert.deepEqual(await refusalsOf({ area: '' }), ['area totals_missing'])
    assert.deepEqual(await refusalsOf({ year: '2014', up_to: '' }), ['year totals_bad_year'])
    assert.deepEqual(await refusalsOf({ year: '2027' }), ['year totals_bad_year'])
    assert.deepEqual(await refusalsOf({ year: '18' }), ['year totals_bad_year'])
    assert.deepEqual(await refusalsOf({ cards: '-5' }), ['cards totals_not_a_count'])
    assert.deepEqual(await refusalsOf({ uses: '12.5' }), ['uses totals_not_a_count'])
    assert.deepEqual(await refusalsOf({ children: 'many' }), ['children totals_not_a_count'])
    assert.deepEqual(await refusalsOf({ used_cards: '1,5' }), ['used_cards totals_not_a_count'])
    assert.deepEqual(await refusalsOf({ children: '301' }), ['children totals_children_over_uses'])
    assert.deepEqual(await refusalsOf({ used_cards: '121' }), ['used_cards totals_used_over_cards'])
    assert.deepEqual(await refusalsOf({ up_to: '31.12.2019' }), ['up_to totals_up_to_outside_year'])
    assert.deepEqual(await refusalsOf({ up_to: '31.2.2018' }), ['up_to totals_bad_date'])
    assert.deepEqual(await refusalsOf({ id: '' }), ['id totals_missing'])
    assert.deepEqual(await refusalsOf({ id: 'x'.repeat(101) }), ['id totals_too_long'])
    // This year (2026) has not ended: the totals say how far they run, and not past today.
    assert.deepEqual(await refusalsOf({ year: '2026' }), ['up_to totals_up_to_required'])
    assert.deepEqual(await refusalsOf({ year: '2026', up_to: '16.6.2026' }), [
      'up_to totals_up_to_in_future',
    ])
    assert.deepEqual(await refusalsOf({ year: '2026', up_to: '15.6.2026' }), [])
    // Counts may be written with spaces between digit groups.
    assert.deepEqual(await refusalsOf({ cards: '1 200', used_cards: '700', uses: '3 000' }), [])
  })
})
