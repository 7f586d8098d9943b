import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { concat, sameValue } from '#stats/services/sql_parts'

/*
| The refresh of what changed for the summaries whose figures are sums: each
| row is COUNT(*) and SUMs over the facts of its group, so the facts that
| changed give the change of each row they touch. The facts as they were
| (stat_old_*_facts, copied aside) count negative and the facts as they are
| now positive; the change per group is added to the row, a group new to
| the table gets a row, and a row whose count falls to zero goes, as a full
| rebuild would not write it. A card's share of the yearly totals of the old
| register (`from_totals` rows) is never touched.
|
| "Cards by how many times used" is not a sum of facts; it is one of the
| cards' counts: the changed cards' uses per year are counted as they are,
| the net change of their changed uses gives the count before, and the card
| moves from the one frequency to the other (cardFrequencyChange).
|
| The one table of distinct counts, stat_event_uses (different cards at a
| show), is regrouped whole per venue and month (summary_tables.ts).
*/

type Additive = {
  table: string
  /** The table's index that finds a group's row. */
  index: string
  facts: 'card' | 'use'
  /** The group: the table's columns and their values from a fact `f` (and the dimension row `d`). */
  keys: Array<[column: string, value: string]>
  /** The figures: the table's columns and each fact's share. The first is the row count. */
  figures: Array<[column: string, share: string]>
  /** A dimension row `d` per fact, for the tables by background data. */
  dimensions?: readonly string[]
  /** Rows of the table kept out (copied from the old register's totals). */
  counted?: string
}

const CARD_DIMENSIONS = ['age', 'gender', 'mother_tongue', 'life_situation', 'gender_age'] as const
const USE_DIMENSIONS = ['gender', 'mother_tongue', 'life_situation'] as const

function dimensionValue(dimensions: readonly string[]) {
  const column = (dimension: string) =>
    dimension === 'gender_age' ? concat('f.gender', `':'`, 'f.age') : `f.${dimension}`
  return `CASE d.dimension ${dimensions.map((dimension) => `WHEN '${dimension}' THEN ${column(dimension)}`).join(' ')} END`
}

const dimensionRows = (dimensions: readonly string[]) =>
  dimensions.map((dimension) => `SELECT '${dimension}' AS dimension`).join(' UNION ALL ')

const byKey = (...columns: string[]): Array<[string, string]> =>
  columns.map((column) => [column, `f.${column}`])

const USE_FIGURES: Array<[string, string]> = [
  ['registrations', '1'],
  ['places', 'f.places'],
  ['children', 'f.children'],
]

const ADDITIVE: Additive[] = [
  {
    table: 'stat_card_months',
    index: 'stat_card_months_organisation_id_year_index',
    facts: 'card',
    keys: byKey('organisation_id', 'area_id', 'year', 'month', 'card_type'),
    figures: [
      ['registered', '1'],
      ['used', 'f.used'],
      ['valid_now', 'f.valid_now'],
    ],
  },
  {
    table: 'stat_area_card_years',
    index: 'stat_area_card_years_area_id_year_index',
    facts: 'card',
    keys: byKey('area_id', 'year'),
    figures: [
      ['registered', '1'],
      ['used', 'f.used'],
    ],
    counted: 'from_totals = 0',
  },
  {
    table: 'stat_card_validity',
    index: 'stat_card_validity_organisation_id_until_month_index',
    facts: 'card',
    keys: byKey('organisation_id', 'area_id', 'issued_month', 'until_month', 'year'),
    figures: [['cards', '1']],
  },
  {
    table: 'stat_card_backgrounds',
    index: 'stat_card_backgrounds_organisation_id_year_dimension_index',
    facts: 'card',
    keys: [
      ...byKey('organisation_id', 'area_id', 'year'),
      ['dimension', 'd.dimension'],
      ['value', dimensionValue(CARD_DIMENSIONS)],
    ],
    figures: [
      ['registered', '1'],
      ['used', 'f.used'],
    ],
    dimensions: CARD_DIMENSIONS,
  },
  {
    table: 'stat_use_months',
    index: 'stat_use_months_venue_organisation_id_year_index',
    facts: 'use',
    keys: byKey(
      'venue_organisation_id',
      'venue_area_id',
      'card_area_id',
      'genre_id',
      'card_type',
      'year',
      'month'
    ),
    figures: USE_FIGURES,
  },
  {
    table: 'stat_area_use_months',
    index: 'stat_area_use_months_venue_area_id_year_index',
    facts: 'use',
    keys: byKey('venue_area_id', 'card_area_id', 'year', 'month'),
    figures: USE_FIGURES,
  },
  {
    table: 'stat_area_use_years',
    index: 'stat_area_use_years_area_id_year_index',
    facts: 'use',
    keys: [
      ['area_id', 'f.venue_area_id'],
      ['year', 'f.year'],
    ],
    figures: USE_FIGURES,
    counted: 'from_totals = 0',
  },
  {
    table: 'stat_card_org_uses',
    index: 'stat_card_org_uses_card_organisation_id_year_index',
    facts: 'use',
    keys: byKey('card_organisation_id', 'card_area_id', 'venue_area_id', 'year', 'month'),
    figures: USE_FIGURES,
  },
  {
    table: 'stat_card_org_venues',
    index: 'stat_card_org_venues_card_organisation_id_year_index',
    facts: 'use',
    keys: byKey('card_organisation_id', 'venue_organisation_id', 'year'),
    figures: USE_FIGURES.slice(0, 2),
  },
  {
    table: 'stat_use_backgrounds',
    index: 'stat_use_backgrounds_card_area_id_year_dimension_index',
    facts: 'use',
    keys: [
      ...byKey('card_area_id', 'year'),
      ['dimension', 'd.dimension'],
      ['value', dimensionValue(USE_DIMENSIONS)],
    ],
    figures: USE_FIGURES.slice(0, 2),
    dimensions: USE_DIMENSIONS,
  },
]

const isMysql = (trx: TransactionClientContract) => trx.dialect.name === 'mysql'

async function dropTemporary(trx: TransactionClientContract, table: string) {
  await trx.rawQuery(
    isMysql(trx) ? `DROP TEMPORARY TABLE IF EXISTS ${table}` : `DROP TABLE IF EXISTS temp.${table}`
  )
}

/** Only the areas can be missing (an organisation without one); `=` elsewhere lets MariaDB use the indexes. */
function sameGroup(columns: string[]) {
  return columns
    .map((column) =>
      column.endsWith('area_id')
        ? sameValue(`d.${column}`, `s.${column}`)
        : `d.${column} = s.${column}`
    )
    .join(' AND ')
}

/**
 * Adds stat_delta's change per group (columns: the table's) to the table:
 * the rows there, new rows for new groups, and no row for an emptied group.
 */
async function applyDelta(
  trx: TransactionClientContract,
  table: string,
  index: string,
  keys: string[],
  figures: string[],
  counted?: string
) {
  const match = sameGroup(keys)
  const kept = counted ? ` AND s.${counted}` : ''
  const add = figures.map((column) => `${column} = s.${column} + d.${column}`)
  if (isMysql(trx)) {
    // From each change to its row by the index that finds it: with no statistics for the
    // temporary table, MariaDB may otherwise read a whole year for each change.
    await trx.rawQuery(
      `UPDATE stat_delta d STRAIGHT_JOIN ${table} s FORCE INDEX (${index}) ON ${match}${kept}
       SET ${add.map((set) => `s.${set}`).join(', ')}`
    )
  } else {
    await trx.rawQuery(
      `UPDATE ${table} AS s SET ${figures.map((column) => `${column} = s.${column} + d.${column}`).join(', ')}
       FROM stat_delta d WHERE ${match}${kept}`
    )
  }
  await trx.rawQuery(
    `INSERT INTO ${table} (${[...keys, ...figures].join(', ')})
     SELECT ${[...keys, ...figures].map((column) => `d.${column}`).join(', ')} FROM stat_delta d
     WHERE NOT EXISTS (SELECT 1 FROM ${table} s WHERE ${match}${kept})`
  )
  const count = figures[0]
  await trx.rawQuery(
    isMysql(trx)
      ? `DELETE s FROM stat_delta d STRAIGHT_JOIN ${table} s FORCE INDEX (${index}) ON ${match}${kept}
         WHERE s.${count} = 0`
      : `DELETE FROM ${table} WHERE ${count} = 0${counted ? ` AND ${counted}` : ''}`
  )
}

/** The change per group of one summary of sums, from the changed facts. */
async function additiveChange(trx: TransactionClientContract, summary: Additive) {
  const id = `${summary.facts}_id`
  const dimensions = summary.dimensions ? `CROSS JOIN (${dimensionRows(summary.dimensions)}) d` : ''
  const select = (sign: string) =>
    `SELECT ${[
      ...summary.keys.map(([column, value]) => `${value} AS ${column}`),
      ...summary.figures.map(([column, share]) => `${sign}${share} AS ${column}`),
    ].join(', ')}`
  const keys = summary.keys.map(([column]) => column)
  const figures = summary.figures.map(([column]) => column)
  await dropTemporary(trx, 'stat_delta')
  await trx.rawQuery(
    `CREATE TEMPORARY TABLE stat_delta AS
     SELECT ${keys.join(', ')}, ${figures.map((column) => `SUM(${column}) AS ${column}`).join(', ')}
     FROM (${select('-')} FROM stat_old_${summary.facts}_facts f ${dimensions}
           UNION ALL ${select('')} FROM stat_${summary.facts}_facts f ${dimensions}
           WHERE f.${id} IN (SELECT ${id} FROM stat_changed_${summary.facts}s)) changes
     GROUP BY ${keys.join(', ')}`
  )
  await applyDelta(trx, summary.table, summary.index, keys, figures, summary.counted)
}

/**
 * Cards by how many times used in a year: each changed card's uses per year
 * (and distributor and area, as its facts carry them) now, and the net
 * change of its changed uses, which gives the count before. The card leaves
 * the frequency it had and joins the one it has.
 */
async function cardFrequencyChange(trx: TransactionClientContract) {
  const group = 'f.card_id, f.card_organisation_id, f.card_area_id, f.year'
  await dropTemporary(trx, 'stat_card_counts')
  await trx.rawQuery(
    `CREATE TEMPORARY TABLE stat_card_counts AS
     SELECT card_id, card_organisation_id, card_area_id, year,
       SUM(now_uses) AS now_uses, SUM(now_uses) - SUM(net) AS old_uses
     FROM (SELECT ${group}, COUNT(*) AS now_uses, 0 AS net FROM stat_use_facts f
             WHERE f.card_id IN (SELECT card_id FROM stat_changed_cards) GROUP BY ${group}
           UNION ALL SELECT ${group}, 0, -1 FROM stat_old_use_facts f
           UNION ALL SELECT ${group}, 0, 1 FROM stat_use_facts f
             WHERE f.use_id IN (SELECT use_id FROM stat_changed_uses)) counts
     GROUP BY card_id, card_organisation_id, card_area_id, year`
  )
  const frequency = (uses: string) => `CASE WHEN ${uses} > 10 THEN 11 ELSE ${uses} END`
  const keys = ['card_organisation_id', 'card_area_id', 'year']
  // MySQL reads a temporary table once per statement: the two moves are written apart.
  await dropTemporary(trx, 'stat_card_moves')
  await trx.rawQuery(
    `CREATE TEMPORARY TABLE stat_card_moves AS
     SELECT ${keys.join(', ')}, ${frequency('old_uses')} AS uses, -1 AS cards
     FROM stat_card_counts WHERE old_uses > 0`
  )
  await trx.rawQuery(
    `INSERT INTO stat_card_moves (${keys.join(', ')}, uses, cards)
     SELECT ${keys.join(', ')}, ${frequency('now_uses')}, 1 FROM stat_card_counts WHERE now_uses > 0`
  )
  await dropTemporary(trx, 'stat_delta')
  await trx.rawQuery(
    `CREATE TEMPORARY TABLE stat_delta AS
     SELECT ${keys.join(', ')}, uses, SUM(cards) AS cards FROM stat_card_moves
     GROUP BY ${keys.join(', ')}, uses`
  )
  await applyDelta(
    trx,
    'stat_card_frequency',
    'stat_card_frequency_card_organisation_id_year_index',
    [...keys, 'uses'],
    ['cards']
  )
  await dropTemporary(trx, 'stat_card_moves')
  await dropTemporary(trx, 'stat_card_counts')
}

/** Adds the changes of the changed facts to every summary of sums and to the card frequencies. */
export async function applyChanges(trx: TransactionClientContract) {
  for (const summary of ADDITIVE) await additiveChange(trx, summary)
  await cardFrequencyChange(trx)
  await dropTemporary(trx, 'stat_delta')
}
