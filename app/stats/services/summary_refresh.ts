import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import statisticsConfig from '#config/statistics'
import { isoDateFromRow, momentFromRow, toSqlDateTime, today } from '#core/services/time'
import { yearOf } from '#stats/services/sql_parts'
import {
  rebuildCardTables,
  rebuildTotalsRows,
  rebuildUseTables,
  type Years,
} from '#stats/services/summary_tables'

/*
| Brings the summary tables (database/migrations/registry/11_create_statistics.ts)
| up to date with the raw rows. A year of a table is rebuilt whole from the
| raw rows, so a summary always equals a plain query over them:
| - card tables: the issue years of cards changed since the last refresh, or
|   of cards whose uses changed (a first use makes a card "used");
| - use tables: the years of uses changed since the last refresh, of uses of
|   changed cards (background data) and of changed offers (genre);
| - the yearly tables' rows copied from the old register's yearly totals:
|   the years of totals imported or changed since the last refresh;
| - everything when an organisation or a genre changed (area, genre tree), on
|   the first refresh of a day (which also catches deleted rows), and when
|   asked (`--full`).
| How each table's years are rebuilt: services/summary_tables.ts.
*/

export type RefreshOutcome = {
  cardYears: Years
  useYears: Years
  /** The years of the old register's yearly totals copied again. */
  totalsYears: Years
  durationMs: number
}

const connection = () => db.connection('registry')

async function distinctYears(sql: string, bindings: string[]) {
  const result = await connection().rawQuery(sql, bindings)
  const rows: { year: number | string | null }[] =
    connection().dialect.name === 'mysql' ? result[0] : result
  return rows.map((row) => Number(row.year)).filter((year) => Number.isFinite(year))
}

const union = (...lists: number[][]) => [...new Set(lists.flat())].sort((a, b) => a - b)

async function changedSince(table: string, since: string) {
  const row = await connection().from(table).where('updated_at', '>=', since).first()
  return Boolean(row)
}

/** Which years of which tables need rebuilding since the last refresh. */
async function yearsToRebuild(full: boolean, day: string) {
  const last = await connection().from('stat_refreshes').where('id', 1).first()
  const lastDay = isoDateFromRow(last?.valid_on)
  const everything = {
    cardYears: 'all' as Years,
    useYears: 'all' as Years,
    totalsYears: 'all' as Years,
  }
  if (full || !last || lastDay !== day) return everything
  const since = toSqlDateTime(
    momentFromRow(last.started_at)!.minus({ seconds: statisticsConfig.refreshOverlapSeconds })
  )
  if ((await changedSince('organisations', since)) || (await changedSince('genres', since))) {
    return everything
  }
  const usedYear = yearOf('u.used_on')
  const issuedYear = yearOf('c.issued_on')
  const [changedUses, usesOfChangedCards, usesOfChangedOffers] = await Promise.all([
    distinctYears(`SELECT DISTINCT ${usedYear} AS year FROM uses u WHERE u.updated_at >= ?`, [
      since,
    ]),
    distinctYears(
      `SELECT DISTINCT ${usedYear} AS year FROM uses u JOIN cards c ON c.code = u.card_code WHERE c.updated_at >= ?`,
      [since]
    ),
    distinctYears(
      `SELECT DISTINCT ${usedYear} AS year FROM uses u JOIN offers f ON f.id = u.offer_id WHERE f.updated_at >= ?`,
      [since]
    ),
  ])
  const useYears = union(changedUses, usesOfChangedCards, usesOfChangedOffers)
  const [changedCards, cardsOfChangedUses] = await Promise.all([
    distinctYears(`SELECT DISTINCT ${issuedYear} AS year FROM cards c WHERE c.updated_at >= ?`, [
      since,
    ]),
    distinctYears(
      `SELECT DISTINCT ${issuedYear} AS year FROM uses u JOIN cards c ON c.code = u.card_code WHERE u.updated_at >= ?`,
      [since]
    ),
  ])
  const totalsYears = await distinctYears(
    'SELECT DISTINCT year FROM stat_history_totals WHERE updated_at >= ?',
    [since]
  )
  return {
    cardYears: union(changedCards, cardsOfChangedUses) as Years,
    useYears,
    totalsYears: union(totalsYears) as Years,
  }
}

/** Refreshes the summaries; `full` rebuilds every year of every table. */
export async function refreshSummaries({ full }: { full: boolean }): Promise<RefreshOutcome> {
  const started = DateTime.now()
  const clock = performance.now()
  const day = today().toISODate()!
  const { cardYears, useYears, totalsYears } = await yearsToRebuild(full, day)
  // READ COMMITTED on MySQL: reading the raw rows takes no locks that would hold up
  // registrations. (Inside a transaction already, as in tests, it nests without options.)
  const client = connection()
  const options =
    client.dialect.name === 'mysql' && !client.isTransaction
      ? { isolationLevel: 'read committed' as const }
      : undefined
  await client.transaction(async (trx) => {
    if (cardYears === 'all' || cardYears.length) await rebuildCardTables(trx, cardYears, day)
    if (useYears === 'all' || useYears.length) await rebuildUseTables(trx, useYears)
    if (totalsYears === 'all' || totalsYears.length) await rebuildTotalsRows(trx, totalsYears)
    const durationMs = Math.round(performance.now() - clock)
    const row = {
      started_at: toSqlDateTime(started),
      finished_at: toSqlDateTime(DateTime.now()),
      valid_on: day,
      duration_ms: durationMs,
    }
    if (await trx.from('stat_refreshes').where('id', 1).first()) {
      await trx.from('stat_refreshes').where('id', 1).update(row)
    } else {
      await trx.table('stat_refreshes').insert({ id: 1, ...row })
    }
  }, options)
  return { cardYears, useYears, totalsYears, durationMs: Math.round(performance.now() - clock) }
}

/** When the numbers were last brought up to date, or null before the first refresh. */
export async function lastRefresh() {
  const row = await connection().from('stat_refreshes').where('id', 1).first()
  return row ? momentFromRow(row.finished_at) : null
}
