import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { dashboardSection, type DashboardKind } from '#stats/services/dashboards'
import { publicTotals } from '#stats/services/public_totals'
import type { StatContext, StatScope } from '#stats/services/statistic_context'
import type { StatTable } from '#stats/services/stat_table'
import { buildStatsWorld } from '#tests/helpers/stats'

/** A section's tables by key, computed with the words as their keys. */
async function section(
  kind: DashboardKind,
  name: string,
  scope: Partial<StatScope>,
  filters: StatContext['filters']
) {
  const context: StatContext = {
    scope: { areaId: null, organisationId: null, organisationType: null, ...scope },
    filters,
    t: (key, data) => (data ? `${key} ${JSON.stringify(data)}` : key),
    locale: 'fi',
  }
  const { figures, tables } = await dashboardSection(kind, name, context)
  return {
    figures: Object.fromEntries(figures.map((figure) => [figure.key, figure.value])),
    table: (key: string) => tables.find((table) => table.key === key)!,
  }
}

/** A table's rows as label → the given columns. */
const rowsOf = (table: StatTable, ...columns: string[]) =>
  Object.fromEntries(
    table.rows.map((row) => [
      String(row[table.columns[0].key]),
      columns.map((column) => {
        const cell = row[column]
        return typeof cell === 'object' && cell !== null ? cell.hidden : cell
      }),
    ])
  )

test.group('Statistics against a hand-computed data set', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('an area: cards registered, used, usage rate, uses, per distributor and per month', async ({
    assert,
  }) => {
    const world = await buildStatsWorld()
    const filters = { year: world.year, quarter: null }
    const overview = await section('area', 'overview', { areaId: world.areaA.id }, filters)
    assert.deepEqual(overview.figures, {
      registered: 23,
      used: 8,
      usage_rate: 34.8,
      places: 11,
      children: 2,
    })
    assert.deepEqual(
      rowsOf(overview.table('cards_per_year'), 'registered', 'used', 'unused', 'usage_rate'),
      {
        [world.year]: [23, 8, 15, 34.8],
      }
    )
    assert.deepEqual(
      rowsOf(overview.table('uses_per_year'), 'places', 'children', 'registrations'),
      {
        [world.year]: [11, 2, 9],
      }
    )
    assert.deepEqual(rowsOf(overview.table('validity_now'), 'cards'), {
      'stats.value.validity.valid': [23],
      'stats.value.validity.expired': [0],
    })
    assert.deepEqual(rowsOf(overview.table('actors'), 'organisations', 'took_part'), {
      'stats.value.organisation_type.distributor': [2, 2],
      'stats.value.organisation_type.venue': [1, 1],
      'stats.value.organisation_type.ticket_agent': [0, null],
      'stats.value.organisation_type.partner': [0, null],
    })

    const cards = await section('area', 'cards', { areaId: world.areaA.id }, filters)
    assert.deepEqual(
      cards.table('cards_per_distributor').rows.map((row) => [row.distributor, row.registered]),
      [
        [world.d1.name, 12],
        [world.d2.name, 11],
      ].sort((a, b) => Number(b[1]) - Number(a[1]))
    )
    assert.notInclude(
      cards.table('cards_per_distributor').columns.map((column) => column.key),
      'usage_rate'
    )
    const month = new Date().getMonth() + 1
    assert.deepEqual(
      rowsOf(cards.table('cards_per_month'), 'registered', 'valid')[`stats.month.${month}`],
      [23, 23]
    )
    // D1: six cards used once; D2: one once, one twice.
    assert.deepEqual(rowsOf(cards.table('usage_frequency'), 'cards'), {
      '1': [7],
      '2': [1],
      '3': [0],
      '4': [0],
      '5': [0],
      '6–10': [0],
      'stats.value.frequency.more': [0],
    })
  })

  test('an area: uses per month and venue, cross-use, genre; the quarter filter', async ({
    assert,
  }) => {
    const world = await buildStatsWorld()
    const uses = await section(
      'area',
      'uses',
      { areaId: world.areaA.id },
      { year: world.year, quarter: null }
    )
    const months = rowsOf(uses.table('uses_per_month'), 'places', 'children', 'registrations')
    assert.deepEqual(months['stats.month.3'], [8, 2, 6])
    assert.deepEqual(months['stats.month.5'], [2, 0, 2])
    assert.deepEqual(months['stats.month.6'], [1, 0, 1])
    assert.deepEqual(
      rowsOf(
        uses.table('uses_per_venue'),
        'places',
        'own_area_cards',
        'other_area_cards',
        'children'
      ),
      {
        [world.v1.name]: [11, 10, 1, 2],
      }
    )
    assert.deepEqual(rowsOf(uses.table('cross_use_area'), 'our_cards_there', 'their_cards_here'), {
      [world.areaB.name]: [1, 1],
    })
    assert.deepEqual(
      uses.table('uses_by_genre').rows.map((row) => row.places),
      [11]
    )

    const spring = await section(
      'area',
      'uses',
      { areaId: world.areaA.id },
      { year: world.year, quarter: 2 }
    )
    assert.deepEqual(rowsOf(spring.table('uses_per_venue'), 'places'), { [world.v1.name]: [3] })
    assert.deepEqual(spring.figures.places, 3)
  })

  test('background breakdowns hide counts under five and what would give them away', async ({
    assert,
  }) => {
    const world = await buildStatsWorld()
    const background = await section(
      'area',
      'background',
      { areaId: world.areaA.id },
      { year: world.year, quarter: null }
    )
    // Registered: women 14, men 8, other 1 → "other" < 5, and men (the smallest of five or more) ×.
    // Used: women 7, men 1 → men < 5, women ×.
    assert.deepEqual(
      rowsOf(background.table('cards_by_gender'), 'registered', 'used', 'usage_rate'),
      {
        'stats.value.gender.woman': [14, 'complement', 'complement'],
        'stats.value.gender.man': ['complement', 'small', 'complement'],
        'stats.value.gender.other': ['small', 0, 'complement'],
        'stats.value.gender.not_given': [0, 0, null],
      }
    )
    // Ages: D1 women 30–64 (8), D1 men 18–29 (3), other 65+ (1), D2 women 16–17 (6), D2 men 30–64 (5):
    // 3 and 1 are hidden, and so is 6, the smallest of five or more.
    assert.deepEqual(rowsOf(background.table('cards_by_age'), 'registered'), {
      'stats.value.age.16-17': ['complement'],
      'stats.value.age.18-29': ['small'],
      'stats.value.age.30-64': [13],
      'stats.value.age.65+': ['small'],
      'stats.value.age.unknown': [0],
    })
    // No hidden count can be worked out: each column hides none, or two or more with one of five or more.
    for (const table of [
      'cards_by_gender',
      'cards_by_age',
      'cards_by_life_situation',
      'uses_by_gender',
    ]) {
      for (const column of background.table(table).columns.slice(1)) {
        const cells = background.table(table).rows.map((row) => row[column.key])
        const hidden = cells.filter((cell) => typeof cell === 'object' && cell !== null)
        if (hidden.length && column.kind === 'count')
          assert.isAtLeast(hidden.length, 2, `${table}.${column.key}`)
      }
    }
    const crossTable = background.table('cards_by_gender_age')
    const small = crossTable.rows.flatMap((row) =>
      Object.values(row).filter((cell) => typeof cell === 'object' && cell !== null)
    )
    assert.isAtLeast(small.length, 2)
    assert.notInclude(
      crossTable.rows.flatMap((row) => Object.values(row)),
      3,
      'the three men aged 18–29 are not shown'
    )
  })

  test('a distributor: its own cards, where they are used, by area and quarter, and a comparison', async ({
    assert,
  }) => {
    const world = await buildStatsWorld()
    const scope = {
      areaId: world.areaA.id,
      organisationId: world.d1.id,
      organisationType: 'distributor' as const,
    }
    const filters = { year: world.year, quarter: null }
    const overview = await section('distributor', 'overview', scope, filters)
    assert.deepEqual(overview.figures, {
      registered: 12,
      used: 6,
      usage_rate: 50,
      places: 8,
      children: 2,
    })
    const uses = await section('distributor', 'uses', scope, filters)
    assert.deepEqual(rowsOf(uses.table('uses_by_area_quarter'), 'q1', 'q2', 'q3', 'q4', 'places'), {
      [world.areaA.name]: [7, 0, 0, 0, 7],
      [world.areaB.name]: [0, 1, 0, 0, 1],
    })
    assert.deepEqual(rowsOf(uses.table('where_used'), 'places'), {
      [world.v1.name]: [7],
      [world.v2.name]: [1],
    })
    const comparison = await section('distributor', 'comparison', scope, filters)
    const rows = comparison.table('distributor_comparison').rows
    assert.deepEqual([rows[0].organisations, rows[0].usage_rate], [1, 50])
    // Two other distributors in the country, one in the area: too few to compare with.
    assert.deepEqual([rows[1].usage_rate, rows[3].usage_rate], [null, null])
    // Nobody has set D1's category: the row says so and compares with nothing.
    assert.include(String(rows[2].group), 'admin.distributor_category_not_set')
    assert.deepEqual([rows[2].organisations, rows[2].usage_rate], [null, null])
  })

  test('a venue: uses per month and event, visitors from own and other areas', async ({
    assert,
  }) => {
    const world = await buildStatsWorld()
    const scope = {
      areaId: world.areaA.id,
      organisationId: world.v1.id,
      organisationType: 'venue' as const,
    }
    const filters = { year: world.year, quarter: null }
    const overview = await section('venue', 'overview', scope, filters)
    assert.deepEqual(overview.figures, { places: 11, children: 2 })
    const events = await section('venue', 'events', scope, filters)
    assert.deepEqual(
      events
        .table('uses_per_event')
        .rows.map((row) => [
          row.registrations,
          row.cards,
          row.places,
          row.personal_cards,
          row.community_cards,
        ]),
      [
        [6, 6, 8, 6, 0],
        [2, 2, 2, 2, 0],
        [1, 1, 1, 1, 0],
      ]
    )
    const visitors = await section('venue', 'visitors', scope, filters)
    assert.deepEqual(Object.values(rowsOf(visitors.table('visitors_by_area'), 'places')), [
      [10],
      [1],
    ])
  })

  test('the public totals', async ({ assert }) => {
    const world = await buildStatsWorld()
    const totals = await publicTotals()
    const thisYear = totals.perYear.find((row) => row.year === world.year)!
    const areaA = totals.perArea.find((row) => row.name === world.areaA.name)
    // The whole registry may hold other rows (demo data): this world adds 24 cards, 12 places, 2 for children.
    assert.isAtLeast(thisYear.cards, 24)
    assert.deepEqual(
      areaA,
      undefined === areaA ? areaA : { name: world.areaA.name, cards: 23, uses: 11 }
    )
    assert.equal(
      totals.cards,
      totals.perYear.reduce((sum, row) => sum + row.cards, 0)
    )
    assert.equal(
      totals.uses,
      totals.perYear.reduce((sum, row) => sum + row.uses, 0)
    )
  })
})
