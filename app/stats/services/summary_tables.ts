import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { concat, sameValue } from '#stats/services/sql_parts'

/*
| How the summary tables are grouped from the fact tables
| (services/summary_facts.ts; which facts: services/summary_refresh.ts).
| Each summary below is regrouped by a partition: a few of its columns (an
| organisation's or an area's month or year, or one background group) whose
| rows are recomputed together. A full rebuild regroups every partition; the
| refresh of what changed regroups only the partitions the changed facts
| left or joined: their keys are read from the facts as they were (copied
| aside before the facts were written again) and as they are now, the
| partitions' rows are deleted and grouped again from all their facts. So a
| regrouped row is the grouping of the same facts a full rebuild would
| group, distinct counts (cards per show, uses per card) included, and a
| partition left empty loses its rows as a full rebuild would not write them.
|
| Two yearly tables are sums of a monthly one (stat_area_card_years of
| stat_card_months, stat_area_use_years of stat_area_use_months), read after
| it, so their large partitions (an area's year) cost a few hundred summary
| rows rather than the year's facts.
|
| The old register's yearly totals (stat_history_totals, imported) are raw
| rows too, but only by area and year: they are copied into the two yearly
| tables, stat_area_card_years and stat_area_use_years, as rows of their own
| marked `from_totals`, beside the rows counted from cards and uses. So the
| yearly series and the national page, which sum those tables by year and
| area, count them with no query of their own, and a year can hold both (the
| totals up to the day Kaikukanta 2.0 took over, detailed records after it),
| while the tables split otherwise (months, organisations, venues, genres,
| background data) never receive them. The flags let a reader say what the
| totals do not tell: how many cards were used (`used_known`), how many
| registrations gave the uses (`from_totals` in the use table). The counted
| rows and the copied ones are replaced apart (rebuildTotalsRows), so an
| import of totals rebuilds a few hundred rows, not years of cards and uses.
*/

/** The years of the old register's totals to copy again, or every year. */
export type Years = number[] | 'all'

type Summary = {
  table: string
  /** The fact table whose changed rows name the partitions. */
  facts: 'card' | 'use'
  /** The partition: the summary's columns and the same values' columns in the facts (and the source). */
  partition: Array<[summaryColumn: string, factColumn: string]>
  /** Which of the table's rows are grouped here (the rest are another summary's or copied). */
  rows?: string
  /** The INSERT … SELECT, with `join` limiting its source `f` to the partitions. */
  insert: (join: string) => string
}

const DIMENSIONS = ['age', 'gender', 'mother_tongue', 'life_situation', 'gender_age'] as const

/** A card fact's value for each background dimension, as one CASE over the dimension row. */
function dimensionValue() {
  const column = (dimension: string) =>
    dimension === 'gender_age' ? concat('f.gender', `':'`, 'f.age') : `f.${dimension}`
  return `CASE d.dimension ${DIMENSIONS.map((dimension) => `WHEN '${dimension}' THEN ${column(dimension)}`).join(' ')} END`
}

const dimensionRows = DIMENSIONS.map((dimension) => `SELECT '${dimension}' AS dimension`).join(
  ' UNION ALL '
)

/** The use table by background: one summary per dimension, so a partition is one group. */
function useBackground(dimension: 'gender' | 'mother_tongue' | 'life_situation'): Summary {
  return {
    table: 'stat_use_backgrounds',
    facts: 'use',
    partition: [
      ['card_area_id', 'card_area_id'],
      ['year', 'year'],
      ['value', dimension],
    ],
    rows: `dimension = '${dimension}'`,
    insert: (join) =>
      `INSERT INTO stat_use_backgrounds (card_area_id, year, dimension, value, registrations, places)
       SELECT f.card_area_id, f.year, '${dimension}', f.${dimension}, COUNT(*), SUM(f.places)
       FROM stat_use_facts f ${join} GROUP BY f.card_area_id, f.year, f.${dimension}`,
  }
}

/** Every summary, in the order they are grouped (a yearly sum after its monthly table). */
const SUMMARIES: Summary[] = [
  {
    table: 'stat_card_months',
    facts: 'card',
    partition: [
      ['organisation_id', 'organisation_id'],
      ['year', 'year'],
      ['month', 'month'],
    ],
    insert: (join) =>
      `INSERT INTO stat_card_months (organisation_id, area_id, year, month, card_type, registered, used, valid_now)
       SELECT f.organisation_id, f.area_id, f.year, f.month, f.card_type, COUNT(*), SUM(f.used), SUM(f.valid_now)
       FROM stat_card_facts f ${join}
       GROUP BY f.organisation_id, f.area_id, f.year, f.month, f.card_type`,
  },
  {
    table: 'stat_area_card_years',
    facts: 'card',
    partition: [
      ['area_id', 'area_id'],
      ['year', 'year'],
    ],
    rows: 'from_totals = 0',
    insert: (join) =>
      `INSERT INTO stat_area_card_years (area_id, year, registered, used)
       SELECT f.area_id, f.year, SUM(f.registered), SUM(f.used)
       FROM stat_card_months f ${join} GROUP BY f.area_id, f.year`,
  },
  {
    table: 'stat_card_validity',
    facts: 'card',
    partition: [
      ['organisation_id', 'organisation_id'],
      ['year', 'year'],
    ],
    insert: (join) =>
      `INSERT INTO stat_card_validity (organisation_id, area_id, issued_month, until_month, year, cards)
       SELECT f.organisation_id, f.area_id, f.issued_month, f.until_month, f.year, COUNT(*)
       FROM stat_card_facts f ${join}
       GROUP BY f.organisation_id, f.area_id, f.issued_month, f.until_month, f.year`,
  },
  {
    table: 'stat_card_backgrounds',
    facts: 'card',
    partition: [
      ['organisation_id', 'organisation_id'],
      ['year', 'year'],
    ],
    insert: (join) =>
      `INSERT INTO stat_card_backgrounds (organisation_id, area_id, year, dimension, value, registered, used)
       SELECT f.organisation_id, f.area_id, f.year, d.dimension, ${dimensionValue()}, COUNT(*), SUM(f.used)
       FROM stat_card_facts f ${join} CROSS JOIN (${dimensionRows}) d
       GROUP BY f.organisation_id, f.area_id, f.year, d.dimension, ${dimensionValue()}`,
  },
  {
    table: 'stat_use_months',
    facts: 'use',
    partition: [
      ['venue_organisation_id', 'venue_organisation_id'],
      ['year', 'year'],
      ['month', 'month'],
    ],
    insert: (join) =>
      `INSERT INTO stat_use_months (venue_organisation_id, venue_area_id, card_area_id, genre_id, card_type, year, month, registrations, places, children)
       SELECT f.venue_organisation_id, f.venue_area_id, f.card_area_id, f.genre_id, f.card_type, f.year, f.month, COUNT(*), SUM(f.places), SUM(f.children)
       FROM stat_use_facts f ${join}
       GROUP BY f.venue_organisation_id, f.venue_area_id, f.card_area_id, f.genre_id, f.card_type, f.year, f.month`,
  },
  {
    table: 'stat_area_use_months',
    facts: 'use',
    partition: [
      ['venue_area_id', 'venue_area_id'],
      ['year', 'year'],
      ['month', 'month'],
    ],
    insert: (join) =>
      `INSERT INTO stat_area_use_months (venue_area_id, card_area_id, year, month, registrations, places, children)
       SELECT f.venue_area_id, f.card_area_id, f.year, f.month, COUNT(*), SUM(f.places), SUM(f.children)
       FROM stat_use_facts f ${join} GROUP BY f.venue_area_id, f.card_area_id, f.year, f.month`,
  },
  {
    table: 'stat_area_use_years',
    facts: 'use',
    partition: [
      ['area_id', 'venue_area_id'],
      ['year', 'year'],
    ],
    rows: 'from_totals = 0',
    insert: (join) =>
      `INSERT INTO stat_area_use_years (area_id, year, registrations, places, children)
       SELECT f.venue_area_id, f.year, SUM(f.registrations), SUM(f.places), SUM(f.children)
       FROM stat_area_use_months f ${join} GROUP BY f.venue_area_id, f.year`,
  },
  {
    table: 'stat_event_uses',
    facts: 'use',
    partition: [
      ['venue_organisation_id', 'venue_organisation_id'],
      ['year', 'year'],
      ['month', 'month'],
    ],
    insert: (join) =>
      `INSERT INTO stat_event_uses (venue_organisation_id, offer_id, occurrence_id, card_type, year, month, registrations, cards, places)
       SELECT f.venue_organisation_id, f.offer_id, f.occurrence_id, f.card_type, f.year, f.month, COUNT(*), COUNT(DISTINCT f.card_id), SUM(f.places)
       FROM stat_use_facts f ${join}
       GROUP BY f.venue_organisation_id, f.offer_id, f.occurrence_id, f.card_type, f.year, f.month`,
  },
  {
    table: 'stat_card_org_uses',
    facts: 'use',
    partition: [
      ['card_organisation_id', 'card_organisation_id'],
      ['year', 'year'],
      ['month', 'month'],
    ],
    insert: (join) =>
      `INSERT INTO stat_card_org_uses (card_organisation_id, card_area_id, venue_area_id, year, month, registrations, places, children)
       SELECT f.card_organisation_id, f.card_area_id, f.venue_area_id, f.year, f.month, COUNT(*), SUM(f.places), SUM(f.children)
       FROM stat_use_facts f ${join}
       GROUP BY f.card_organisation_id, f.card_area_id, f.venue_area_id, f.year, f.month`,
  },
  {
    table: 'stat_card_org_venues',
    facts: 'use',
    partition: [
      ['card_organisation_id', 'card_organisation_id'],
      ['year', 'year'],
    ],
    insert: (join) =>
      `INSERT INTO stat_card_org_venues (card_organisation_id, venue_organisation_id, year, registrations, places)
       SELECT f.card_organisation_id, f.venue_organisation_id, f.year, COUNT(*), SUM(f.places)
       FROM stat_use_facts f ${join} GROUP BY f.card_organisation_id, f.venue_organisation_id, f.year`,
  },
  useBackground('gender'),
  useBackground('mother_tongue'),
  useBackground('life_situation'),
  {
    table: 'stat_card_frequency',
    facts: 'use',
    partition: [
      ['card_organisation_id', 'card_organisation_id'],
      ['year', 'year'],
    ],
    insert: (join) =>
      `INSERT INTO stat_card_frequency (card_organisation_id, card_area_id, year, uses, cards)
       SELECT card_organisation_id, card_area_id, year, CASE WHEN n > 10 THEN 11 ELSE n END, COUNT(*)
       FROM (SELECT f.card_organisation_id, f.card_area_id, f.year, COUNT(*) AS n
             FROM stat_use_facts f ${join}
             GROUP BY f.card_id, f.card_organisation_id, f.card_area_id, f.year) per_card
       GROUP BY card_organisation_id, card_area_id, year, CASE WHEN n > 10 THEN 11 ELSE n END`,
  },
]

const isMysql = (trx: TransactionClientContract) => trx.dialect.name === 'mysql'

async function dropTemporary(trx: TransactionClientContract, table: string) {
  await trx.rawQuery(
    isMysql(trx) ? `DROP TEMPORARY TABLE IF EXISTS ${table}` : `DROP TABLE IF EXISTS temp.${table}`
  )
}

/** Every summary grouped again from all the facts. */
export async function regroupAll(trx: TransactionClientContract) {
  for (const summary of SUMMARIES) {
    const query = trx.from(summary.table)
    if (summary.rows) query.whereRaw(summary.rows)
    await query.delete()
    await trx.rawQuery(summary.insert(''))
  }
}

/**
 * Copies aside the facts of the changed cards and uses (stat_changed_cards,
 * stat_changed_uses) before they are written again: the partitions they leave.
 */
export async function keepOldFacts(trx: TransactionClientContract) {
  for (const [facts, id] of [
    ['card', 'card'],
    ['use', 'use'],
  ]) {
    await dropTemporary(trx, `stat_old_${facts}_facts`)
    await trx.rawQuery(
      `CREATE TEMPORARY TABLE stat_old_${facts}_facts AS
       SELECT * FROM stat_${facts}_facts WHERE ${id}_id IN (SELECT ${id}_id FROM stat_changed_${id}s)`
    )
  }
}

/** Regroups the partitions the changed facts left (the copies aside) or joined (the facts now). */
export async function regroupChanged(trx: TransactionClientContract) {
  for (const summary of SUMMARIES) {
    const columns = summary.partition.map(([, fact]) => `f.${fact}`).join(', ')
    await dropTemporary(trx, 'stat_partitions')
    // UNION keeps each partition once: the grouping below joins them to the facts.
    await trx.rawQuery(
      `CREATE TEMPORARY TABLE stat_partitions AS
       SELECT ${columns} FROM stat_old_${summary.facts}_facts f
       UNION SELECT ${columns} FROM stat_${summary.facts}_facts f
       WHERE f.${summary.facts}_id IN (SELECT ${summary.facts}_id FROM stat_changed_${summary.facts}s)`
    )
    const matches = (alias: string, column: (pair: [string, string]) => string) =>
      summary.partition
        .map((pair) => sameValue(`p.${pair[1]}`, `${alias}.${column(pair)}`))
        .join(' AND ')
    const rows = summary.rows ? ` AND s.${summary.rows}` : ''
    if (isMysql(trx)) {
      await trx.rawQuery(
        `DELETE s FROM ${summary.table} s JOIN stat_partitions p ON ${matches('s', ([column]) => column)}${summary.rows ? ` WHERE s.${summary.rows}` : ''}`
      )
    } else {
      await trx.rawQuery(
        `DELETE FROM ${summary.table} WHERE id IN (SELECT s.id FROM ${summary.table} s
         JOIN stat_partitions p ON ${matches('s', ([column]) => column)}${rows})`
      )
    }
    await trx.rawQuery(
      summary.insert(`JOIN stat_partitions p ON ${matches('f', ([, fact]) => fact)}`)
    )
  }
  await dropTemporary(trx, 'stat_partitions')
  await dropTemporary(trx, 'stat_old_card_facts')
  await dropTemporary(trx, 'stat_old_use_facts')
}

/** The yearly tables' rows copied from the old register's yearly totals, for the given years. */
export async function rebuildTotalsRows(trx: TransactionClientContract, years: Years) {
  for (const table of YEARLY_TABLES) {
    const query = trx.from(table).where('from_totals', 1)
    if (years !== 'all') query.whereIn('year', years)
    await query.delete()
  }
  const where =
    years === 'all'
      ? { sql: '1 = 1', bindings: [] as number[] }
      : { sql: `year IN (${years.map(() => '?').join(', ') || 'NULL'})`, bindings: years }
  await trx.rawQuery(
    `INSERT INTO stat_area_card_years (area_id, year, registered, used, from_totals, used_known)
     SELECT area_id, year, cards, COALESCE(used_cards, 0), 1,
       CASE WHEN used_cards IS NULL THEN 0 ELSE 1 END
     FROM stat_history_totals WHERE ${where.sql}`,
    where.bindings
  )
  await trx.rawQuery(
    `INSERT INTO stat_area_use_years (area_id, year, registrations, places, children, from_totals)
     SELECT area_id, year, 0, uses, children, 1 FROM stat_history_totals WHERE ${where.sql}`,
    where.bindings
  )
}

/** The yearly tables, which also hold rows copied from the old register's yearly totals. */
const YEARLY_TABLES = ['stat_area_card_years', 'stat_area_use_years']
