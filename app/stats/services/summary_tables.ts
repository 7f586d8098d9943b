import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { concat } from '#stats/services/sql_parts'

/*
| How the summary tables are grouped from the fact tables
| (services/summary_facts.ts): all of them in a full rebuild (regroupAll),
| and for the refresh of what changed the venues' months of events the
| changed uses touched (regroupChangedEventMonths). The other summaries take
| the changes as sums (services/summary_deltas.ts).
|
| The tables by area are sums of a finer one, grouped after it
| (stat_area_card_years of stat_card_months, stat_area_use_months of
| stat_use_months, stat_area_use_years of stat_area_use_months): the same
| figures as grouping the facts, from far fewer rows.
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
  /** Which of the table's rows are grouped here (the rest are another summary's or copied). */
  rows?: string
  /** What is grouped (`f`): a fact table or a finer summary. */
  source: string
  /** The INSERT … SELECT from `from`: the source, or only some groups' rows of it. */
  insert: (from: string) => string
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

/** The use table by background, one dimension at a time. */
function useBackground(dimension: 'gender' | 'mother_tongue' | 'life_situation'): Summary {
  return {
    table: 'stat_use_backgrounds',
    source: 'stat_use_facts',
    rows: `dimension = '${dimension}'`,
    insert: (from) =>
      `INSERT INTO stat_use_backgrounds (card_area_id, year, dimension, value, registrations, places)
       SELECT f.card_area_id, f.year, '${dimension}', f.${dimension}, COUNT(*), SUM(f.places)
       FROM ${from} GROUP BY f.card_area_id, f.year, f.${dimension}`,
  }
}

/** Every summary, in the order they are grouped (a yearly sum after its monthly table). */
const SUMMARIES: Summary[] = [
  {
    table: 'stat_card_months',
    source: 'stat_card_facts',
    insert: (from) =>
      `INSERT INTO stat_card_months (organisation_id, area_id, year, month, card_type, registered, used, valid_now)
       SELECT f.organisation_id, f.area_id, f.year, f.month, f.card_type, COUNT(*), SUM(f.used), SUM(f.valid_now)
       FROM ${from}
       GROUP BY f.organisation_id, f.area_id, f.year, f.month, f.card_type`,
  },
  {
    table: 'stat_area_card_years',
    source: 'stat_card_months',
    rows: 'from_totals = 0',
    insert: (from) =>
      `INSERT INTO stat_area_card_years (area_id, year, registered, used)
       SELECT f.area_id, f.year, SUM(f.registered), SUM(f.used)
       FROM ${from} GROUP BY f.area_id, f.year`,
  },
  {
    table: 'stat_card_validity',
    source: 'stat_card_facts',
    insert: (from) =>
      `INSERT INTO stat_card_validity (organisation_id, area_id, issued_month, until_month, year, cards)
       SELECT f.organisation_id, f.area_id, f.issued_month, f.until_month, f.year, COUNT(*)
       FROM ${from}
       GROUP BY f.organisation_id, f.area_id, f.issued_month, f.until_month, f.year`,
  },
  {
    table: 'stat_card_backgrounds',
    source: 'stat_card_facts',
    insert: (from) =>
      `INSERT INTO stat_card_backgrounds (organisation_id, area_id, year, dimension, value, registered, used)
       SELECT f.organisation_id, f.area_id, f.year, d.dimension, ${dimensionValue()}, COUNT(*), SUM(f.used)
       FROM ${from} CROSS JOIN (${dimensionRows}) d
       GROUP BY f.organisation_id, f.area_id, f.year, d.dimension, ${dimensionValue()}`,
  },
  {
    table: 'stat_use_months',
    source: 'stat_use_facts',
    insert: (from) =>
      `INSERT INTO stat_use_months (venue_organisation_id, venue_area_id, card_area_id, genre_id, card_type, year, month, registrations, places, children)
       SELECT f.venue_organisation_id, f.venue_area_id, f.card_area_id, f.genre_id, f.card_type, f.year, f.month, COUNT(*), SUM(f.places), SUM(f.children)
       FROM ${from}
       GROUP BY f.venue_organisation_id, f.venue_area_id, f.card_area_id, f.genre_id, f.card_type, f.year, f.month`,
  },
  {
    table: 'stat_area_use_months',
    source: 'stat_use_months',
    insert: (from) =>
      `INSERT INTO stat_area_use_months (venue_area_id, card_area_id, year, month, registrations, places, children)
       SELECT f.venue_area_id, f.card_area_id, f.year, f.month, SUM(f.registrations), SUM(f.places), SUM(f.children)
       FROM ${from} GROUP BY f.venue_area_id, f.card_area_id, f.year, f.month`,
  },
  {
    table: 'stat_area_use_years',
    source: 'stat_area_use_months',
    rows: 'from_totals = 0',
    insert: (from) =>
      `INSERT INTO stat_area_use_years (area_id, year, registrations, places, children)
       SELECT f.venue_area_id, f.year, SUM(f.registrations), SUM(f.places), SUM(f.children)
       FROM ${from} GROUP BY f.venue_area_id, f.year`,
  },
  {
    table: 'stat_event_uses',
    source: 'stat_use_facts',
    insert: (from) =>
      `INSERT INTO stat_event_uses (venue_organisation_id, offer_id, occurrence_id, card_type, year, month, registrations, cards, places)
       SELECT f.venue_organisation_id, f.offer_id, f.occurrence_id, f.card_type, f.year, f.month, COUNT(*), COUNT(DISTINCT f.card_id), SUM(f.places)
       FROM ${from}
       GROUP BY f.venue_organisation_id, f.offer_id, f.occurrence_id, f.card_type, f.year, f.month`,
  },
  {
    table: 'stat_card_org_uses',
    source: 'stat_use_facts',
    insert: (from) =>
      `INSERT INTO stat_card_org_uses (card_organisation_id, card_area_id, venue_area_id, year, month, registrations, places, children)
       SELECT f.card_organisation_id, f.card_area_id, f.venue_area_id, f.year, f.month, COUNT(*), SUM(f.places), SUM(f.children)
       FROM ${from}
       GROUP BY f.card_organisation_id, f.card_area_id, f.venue_area_id, f.year, f.month`,
  },
  {
    table: 'stat_card_org_venues',
    source: 'stat_use_facts',
    insert: (from) =>
      `INSERT INTO stat_card_org_venues (card_organisation_id, venue_organisation_id, year, registrations, places)
       SELECT f.card_organisation_id, f.venue_organisation_id, f.year, COUNT(*), SUM(f.places)
       FROM ${from} GROUP BY f.card_organisation_id, f.venue_organisation_id, f.year`,
  },
  useBackground('gender'),
  useBackground('mother_tongue'),
  useBackground('life_situation'),
  {
    table: 'stat_card_frequency',
    source: 'stat_use_facts',
    insert: (from) =>
      `INSERT INTO stat_card_frequency (card_organisation_id, card_area_id, year, uses, cards)
       SELECT card_organisation_id, card_area_id, year, CASE WHEN n > 10 THEN 11 ELSE n END, COUNT(*)
       FROM (SELECT f.card_organisation_id, f.card_area_id, f.year, COUNT(*) AS n
             FROM ${from}
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
    await trx.rawQuery(summary.insert(`${summary.source} f`))
  }
}

/**
 * Regroups the venues' months of events that the changed uses left (their
 * facts copied aside as they were) or joined (their facts now): different
 * cards at a show are no sum of the changes, so those months are counted
 * again from all their facts.
 */
export async function regroupChangedEventMonths(trx: TransactionClientContract) {
  const summary = SUMMARIES.find((candidate) => candidate.table === 'stat_event_uses')!
  const columns = 'f.venue_organisation_id, f.year, f.month'
  await dropTemporary(trx, 'stat_partitions')
  // UNION keeps each month once: the grouping below joins them to the facts.
  await trx.rawQuery(
    `CREATE TEMPORARY TABLE stat_partitions AS
     SELECT ${columns} FROM stat_old_use_facts f
     UNION SELECT ${columns} FROM stat_use_facts f
     WHERE f.use_id IN (SELECT use_id FROM stat_changed_uses)`
  )
  const match = (alias: string) =>
    `p.venue_organisation_id = ${alias}.venue_organisation_id AND p.year = ${alias}.year AND p.month = ${alias}.month`
  if (isMysql(trx)) {
    // From each month to its rows by the index that finds them: with no statistics for
    // the temporary table, MariaDB may otherwise read a whole year for each month.
    await trx.rawQuery(
      `DELETE s FROM stat_partitions p
       STRAIGHT_JOIN stat_event_uses s FORCE INDEX (stat_event_uses_venue_organisation_id_year_index)
       ON ${match('s')}`
    )
    await trx.rawQuery(
      summary.insert(
        `stat_partitions p STRAIGHT_JOIN stat_use_facts f
         FORCE INDEX (stat_use_facts_venue_organisation_id_year_month_index) ON ${match('f')}`
      )
    )
  } else {
    await trx.rawQuery(
      `DELETE FROM stat_event_uses WHERE id IN (SELECT s.id FROM stat_event_uses s
       JOIN stat_partitions p ON ${match('s')})`
    )
    await trx.rawQuery(summary.insert(`stat_partitions p JOIN stat_use_facts f ON ${match('f')}`))
  }
  await dropTemporary(trx, 'stat_partitions')
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
