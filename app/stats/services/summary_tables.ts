import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  ageBandOf,
  concat,
  genderOf,
  lifeSituationOf,
  monthOf,
  motherTongueOf,
  yearMonthOf,
  yearOf,
} from '#stats/services/sql_parts'

/*
| How the summary tables' years are rebuilt from the raw rows (which years:
| services/summary_refresh.ts). Each year's raw rows are read once into a
| temporary table of per-card or per-use facts, and each summary table's rows
| of those years are replaced by a grouping of the facts.
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

/** The years to rebuild, or every year. */
export type Years = number[] | 'all'

/** A WHERE condition limiting a date column to the given years (both engines use the index). */
function inYears(column: string, years: Years) {
  if (years === 'all') return { sql: '1 = 1', bindings: [] as string[] }
  return {
    sql: years.length
      ? `(${years.map(() => `(${column} >= ? AND ${column} < ?)`).join(' OR ')})`
      : '1 = 0',
    bindings: years.flatMap((year) => [`${year}-01-01`, `${year + 1}-01-01`]),
  }
}

/** The yearly tables, which also hold rows copied from the old register's yearly totals. */
const YEARLY_TABLES = ['stat_area_card_years', 'stat_area_use_years']

/**
 * Replaces a summary table's rows of the given years with what `insert` (an
 * INSERT … SELECT) writes; in the two yearly tables, only the rows counted
 * from cards or uses (`from_totals` 0), not those copied from the totals.
 */
async function replaceYears(
  trx: TransactionClientContract,
  table: string,
  years: Years,
  insert: string
) {
  const query = trx.from(table)
  if (years !== 'all') query.whereIn('year', years)
  if (YEARLY_TABLES.includes(table)) query.where('from_totals', 0)
  await query.delete()
  await trx.rawQuery(insert)
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

const DIMENSIONS = ['age', 'gender', 'mother_tongue', 'life_situation', 'gender_age'] as const

/** The per-dimension value columns of a facts table, as one CASE over the dimension row. */
function dimensionValue(dimensions: readonly string[]) {
  const column = (dimension: string) =>
    dimension === 'gender_age' ? concat('gender', `':'`, 'age') : dimension
  return `CASE d.dimension ${dimensions.map((dimension) => `WHEN '${dimension}' THEN ${column(dimension)}`).join(' ')} END`
}

function dimensionRows(dimensions: readonly string[]) {
  return dimensions.map((dimension) => `SELECT '${dimension}' AS dimension`).join(' UNION ALL ')
}

async function dropTemporary(trx: TransactionClientContract, table: string) {
  await trx.rawQuery(
    trx.dialect.name === 'mysql'
      ? `DROP TEMPORARY TABLE IF EXISTS ${table}`
      : `DROP TABLE IF EXISTS temp.${table}`
  )
}

/** The card tables (stat_card_*, stat_area_card_years) for cards issued in the years. */
export async function rebuildCardTables(trx: TransactionClientContract, years: Years, day: string) {
  const where = inYears('c.issued_on', years)
  await dropTemporary(trx, 'stat_card_facts')
  // "until": the last day the card was valid, or its end if ended earlier.
  await trx.rawQuery(
    `CREATE TEMPORARY TABLE stat_card_facts AS
     SELECT c.issuing_organisation_id AS organisation_id, o.area_id AS area_id,
       ${yearOf('c.issued_on')} AS year, ${monthOf('c.issued_on')} AS month, c.type AS card_type,
       CASE WHEN EXISTS (SELECT 1 FROM uses u WHERE u.card_code = c.code AND u.status = 'registered')
         THEN 1 ELSE 0 END AS used,
       CASE WHEN c.status = 'active' AND c.valid_until >= ? THEN 1 ELSE 0 END AS valid_now,
       ${yearMonthOf('c.issued_on')} AS issued_month,
       CASE WHEN c.status <> 'active' AND c.ended_on IS NOT NULL AND c.ended_on < c.valid_until
         THEN ${yearMonthOf('c.ended_on')} ELSE ${yearMonthOf('c.valid_until')} END AS until_month,
       ${ageBandOf('c')} AS age, ${genderOf('c')} AS gender,
       ${motherTongueOf('c')} AS mother_tongue, ${lifeSituationOf('c')} AS life_situation
     FROM cards c JOIN organisations o ON o.id = c.issuing_organisation_id
     WHERE ${where.sql}`,
    [day, ...where.bindings]
  )
  await replaceYears(
    trx,
    'stat_card_months',
    years,
    `INSERT INTO stat_card_months (organisation_id, area_id, year, month, card_type, registered, used, valid_now)
     SELECT organisation_id, area_id, year, month, card_type, COUNT(*), SUM(used), SUM(valid_now)
     FROM stat_card_facts GROUP BY organisation_id, area_id, year, month, card_type`
  )
  await replaceYears(
    trx,
    'stat_area_card_years',
    years,
    `INSERT INTO stat_area_card_years (area_id, year, registered, used)
     SELECT area_id, year, COUNT(*), SUM(used) FROM stat_card_facts GROUP BY area_id, year`
  )
  await replaceYears(
    trx,
    'stat_card_validity',
    years,
    `INSERT INTO stat_card_validity (organisation_id, area_id, issued_month, until_month, year, cards)
     SELECT organisation_id, area_id, issued_month, until_month, year, COUNT(*)
     FROM stat_card_facts GROUP BY organisation_id, area_id, issued_month, until_month, year`
  )
  await replaceYears(
    trx,
    'stat_card_backgrounds',
    years,
    `INSERT INTO stat_card_backgrounds (organisation_id, area_id, year, dimension, value, registered, used)
     SELECT organisation_id, area_id, year, d.dimension, ${dimensionValue(DIMENSIONS)}, COUNT(*), SUM(used)
     FROM stat_card_facts CROSS JOIN (${dimensionRows(DIMENSIONS)}) d
     GROUP BY organisation_id, area_id, year, d.dimension, ${dimensionValue(DIMENSIONS)}`
  )
  await dropTemporary(trx, 'stat_card_facts')
}

const USE_DIMENSIONS = ['gender', 'mother_tongue', 'life_situation'] as const

/** The use tables for uses in the years. */
export async function rebuildUseTables(trx: TransactionClientContract, years: Years) {
  const where = inYears('u.used_on', years)
  await dropTemporary(trx, 'stat_use_facts')
  // A use counts when it stands: not cancelled, not a no-show. Genres by their top level.
  await trx.rawQuery(
    `CREATE TEMPORARY TABLE stat_use_facts AS
     SELECT u.card_code AS card_code, u.organisation_id AS venue_organisation_id,
       vo.area_id AS venue_area_id, c.issuing_organisation_id AS card_organisation_id,
       co.area_id AS card_area_id, c.type AS card_type, COALESCE(g.parent_id, g.id) AS genre_id,
       u.offer_id AS offer_id, u.occurrence_id AS occurrence_id,
       ${yearOf('u.used_on')} AS year, ${monthOf('u.used_on')} AS month,
       u.places AS places, u.children_count AS children,
       ${genderOf('c')} AS gender, ${motherTongueOf('c')} AS mother_tongue,
       ${lifeSituationOf('c')} AS life_situation
     FROM uses u
     JOIN cards c ON c.code = u.card_code
     JOIN organisations co ON co.id = c.issuing_organisation_id
     JOIN organisations vo ON vo.id = u.organisation_id
     JOIN offers f ON f.id = u.offer_id
     JOIN genres g ON g.id = f.genre_id
     WHERE u.status = 'registered' AND ${where.sql}`,
    where.bindings
  )
  await replaceYears(
    trx,
    'stat_use_months',
    years,
    `INSERT INTO stat_use_months (venue_organisation_id, venue_area_id, card_area_id, genre_id, card_type, year, month, registrations, places, children)
     SELECT venue_organisation_id, venue_area_id, card_area_id, genre_id, card_type, year, month, COUNT(*), SUM(places), SUM(children)
     FROM stat_use_facts
     GROUP BY venue_organisation_id, venue_area_id, card_area_id, genre_id, card_type, year, month`
  )
  await replaceYears(
    trx,
    'stat_area_use_months',
    years,
    `INSERT INTO stat_area_use_months (venue_area_id, card_area_id, year, month, registrations, places, children)
     SELECT venue_area_id, card_area_id, year, month, COUNT(*), SUM(places), SUM(children)
     FROM stat_use_facts GROUP BY venue_area_id, card_area_id, year, month`
  )
  await replaceYears(
    trx,
    'stat_area_use_years',
    years,
    `INSERT INTO stat_area_use_years (area_id, year, registrations, places, children)
     SELECT venue_area_id, year, COUNT(*), SUM(places), SUM(children)
     FROM stat_use_facts GROUP BY venue_area_id, year`
  )
  await replaceYears(
    trx,
    'stat_event_uses',
    years,
    `INSERT INTO stat_event_uses (venue_organisation_id, offer_id, occurrence_id, card_type, year, month, registrations, cards, places)
     SELECT venue_organisation_id, offer_id, occurrence_id, card_type, year, month, COUNT(*), COUNT(DISTINCT card_code), SUM(places)
     FROM stat_use_facts
     GROUP BY venue_organisation_id, offer_id, occurrence_id, card_type, year, month`
  )
  await replaceYears(
    trx,
    'stat_card_org_uses',
    years,
    `INSERT INTO stat_card_org_uses (card_organisation_id, card_area_id, venue_area_id, year, month, registrations, places, children)
     SELECT card_organisation_id, card_area_id, venue_area_id, year, month, COUNT(*), SUM(places), SUM(children)
     FROM stat_use_facts GROUP BY card_organisation_id, card_area_id, venue_area_id, year, month`
  )
  await replaceYears(
    trx,
    'stat_card_org_venues',
    years,
    `INSERT INTO stat_card_org_venues (card_organisation_id, venue_organisation_id, year, registrations, places)
     SELECT card_organisation_id, venue_organisation_id, year, COUNT(*), SUM(places)
     FROM stat_use_facts GROUP BY card_organisation_id, venue_organisation_id, year`
  )
  await replaceYears(
    trx,
    'stat_use_backgrounds',
    years,
    `INSERT INTO stat_use_backgrounds (card_area_id, year, dimension, value, registrations, places)
     SELECT card_area_id, year, d.dimension, ${dimensionValue(USE_DIMENSIONS)}, COUNT(*), SUM(places)
     FROM stat_use_facts CROSS JOIN (${dimensionRows(USE_DIMENSIONS)}) d
     GROUP BY card_area_id, year, d.dimension, ${dimensionValue(USE_DIMENSIONS)}`
  )
  await replaceYears(
    trx,
    'stat_card_frequency',
    years,
    `INSERT INTO stat_card_frequency (card_organisation_id, card_area_id, year, uses, cards)
     SELECT card_organisation_id, card_area_id, year, CASE WHEN n > 10 THEN 11 ELSE n END, COUNT(*)
     FROM (SELECT card_organisation_id, card_area_id, year, COUNT(*) AS n
           FROM stat_use_facts GROUP BY card_code, card_organisation_id, card_area_id, year) per_card
     GROUP BY card_organisation_id, card_area_id, year, CASE WHEN n > 10 THEN 11 ELSE n END`
  )
  await dropTemporary(trx, 'stat_use_facts')
}
