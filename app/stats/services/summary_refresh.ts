import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import statisticsConfig from '#config/statistics'
import { isoDateFromRow, momentFromRow, toSqlDateTime, today } from '#core/services/time'
import { listChanges } from '#stats/services/summary_changes'
import { applyChanges } from '#stats/services/summary_deltas'
import { keepOldFacts, writeFacts } from '#stats/services/summary_facts'
import {
  rebuildTotalsRows,
  regroupAll,
  regroupChangedEventMonths,
  type Years,
} from '#stats/services/summary_tables'

/*
| Brings the summary tables (database/migrations/registry/11_create_statistics.ts)
| up to date with the raw rows, at a cost that follows what changed rather
| than the size of a year. Beside the summaries stats keeps one fact row per
| card and per standing use: the groups it counts in
| (services/summary_facts.ts). A refresh lists the cards and uses changed
| since the last one (services/summary_changes.ts), copies their facts
| aside, writes them again, and gives each summary the difference: the sums
| by adding the new facts' shares and subtracting the old ones
| (services/summary_deltas.ts), the distinct cards at a show by regrouping
| the venue's month (services/summary_tables.ts). Old and new facts both
| count because a change moves a row from one group to another (a card's
| background data, a use's month or venue, an organisation's area). A
| refreshed table equals a full rebuild row for row
| (tests/functional/stats/summary_refresh.spec.ts).
|
| Everything is rebuilt when asked (`--full`, after the age groups changed)
| and when there is no earlier refresh (the facts are then empty). The first
| refresh of a day also looks for deleted cards and uses. The old
| register's yearly totals are copied again for the years imported or
| changed since the last refresh.
*/

export type RefreshOutcome = {
  /** Everything rebuilt, or only what changed. */
  full: boolean
  /** The cards and uses whose facts were written again (all of them in a full rebuild). */
  cards: number
  uses: number
  /** The years of the old register's yearly totals copied again. */
  totalsYears: Years
  durationMs: number
}

const connection = () => db.connection('registry')

async function changedTotalsYears(since: string) {
  const rows = await connection()
    .from('stat_history_totals')
    .where('updated_at', '>=', since)
    .distinct('year')
  return rows.map((row) => Number(row.year)).sort((a, b) => a - b)
}

/** A total of a summary column: the facts counted, without reading the millions of them. */
async function total(trx: { from: (table: string) => any }, table: string, column: string) {
  const row = await trx.from(table).sum(`${column} as n`).first()
  return Number(row?.n ?? 0)
}

/**
 * Refreshes the summaries; `full` rebuilds everything, `deleted` also looks
 * for deleted cards and uses (as the first refresh of a day does).
 */
export async function refreshSummaries({
  full,
  deleted = false,
}: {
  full: boolean
  deleted?: boolean
}): Promise<RefreshOutcome> {
  const started = DateTime.now()
  const clock = performance.now()
  const day = today().toISODate()!
  const last = await connection().from('stat_refreshes').where('id', 1).first()
  const rebuild = full || !last
  const since = last
    ? toSqlDateTime(
        momentFromRow(last.started_at)!.minus({ seconds: statisticsConfig.refreshOverlapSeconds })
      )
    : null
  const lastDay = isoDateFromRow(last?.valid_on) ?? day
  const totalsYears: Years = rebuild ? 'all' : await changedTotalsYears(since!)
  // READ COMMITTED on MySQL: reading the raw rows takes no locks that would hold up
  // registrations. (Inside a transaction already, as in tests, it nests without options.)
  const client = connection()
  const options =
    client.dialect.name === 'mysql' && !client.isTransaction
      ? { isolationLevel: 'read committed' as const }
      : undefined
  const changed = await client.transaction(async (trx) => {
    let rows: { cards: number; uses: number }
    if (rebuild) {
      await writeFacts(trx, 'all', day)
      await regroupAll(trx)
      rows = {
        cards: await total(trx, 'stat_card_months', 'registered'),
        uses: await total(trx, 'stat_use_months', 'registrations'),
      }
    } else {
      rows = await listChanges(trx, {
        since: since!,
        lastDay,
        day,
        deleted: deleted || lastDay !== day,
      })
      await keepOldFacts(trx)
      await writeFacts(trx, 'changed', day)
      await applyChanges(trx)
      await regroupChangedEventMonths(trx)
    }
    if (totalsYears === 'all' || totalsYears.length) await rebuildTotalsRows(trx, totalsYears)
    const durationMs = Math.round(performance.now() - clock)
    const row = {
      started_at: toSqlDateTime(started),
      finished_at: toSqlDateTime(DateTime.now()),
      valid_on: day,
      duration_ms: durationMs,
    }
    if (last) {
      await trx.from('stat_refreshes').where('id', 1).update(row)
    } else {
      await trx.table('stat_refreshes').insert({ id: 1, ...row })
    }
    return rows
  }, options)
  return {
    full: rebuild,
    ...changed,
    totalsYears,
    durationMs: Math.round(performance.now() - clock),
  }
}

/** When the numbers were last brought up to date, or null before the first refresh. */
export async function lastRefresh() {
  const row = await connection().from('stat_refreshes').where('id', 1).first()
  return row ? momentFromRow(row.finished_at) : null
}
