import { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import statisticsConfig from '#config/statistics'
import type {
  ImportKind,
  ImportLine,
  ImportOutcome,
  ImportProblem,
  ParsedLine,
} from '#core/services/import_kind'
import { parseImportDate } from '#core/services/import_dates'
import { isoDateFromRow, toSqlDateTime, today } from '#core/services/time'
import { yearOf } from '#stats/services/sql_parts'
import { refreshSummaries } from '#stats/services/summary_refresh'

/*
| The old register's yearly totals by area, for the years before detailed
| records (docs/IMPORT.md; example: docs/import-examples/yearly_totals.csv).
| Columns, lower-case headers:
|
|   id          the old register's id of the row (kept: the same file again finds it)
|   area        the area's name as in Kaikukanta (database/data/areas.json), any case
|   year        the year the totals are for, from config/statistics.ts firstYear to this year
|   up_to       optional: the last day they cover, 24.4.2025 or 2025-04-24 (default 31.12. of
|               the year; required for this year)
|   cards       cards registered in the year
|   used_cards  optional: how many of those cards were used
|   uses        uses (places: the holder and those with them) in the year
|   children    of the uses, uses for children
|
| One row per area and year (stat_history_totals). A year of an area is
| counted either from the totals or from detailed records, never both: a
| row is refused when the register already holds cards issued in the area,
| or uses at its venues, dated in the year up to `up_to`. Detailed records
| after `up_to` (Kaikukanta 2.0 taking over in the middle of a year) are
| added to the totals by the statistics.
*/

export type YearlyTotalsRow = {
  sourceId: string
  areaId: number
  areaName: string
  year: number
  /** yyyy-MM-dd */
  upTo: string
  cards: number
  usedCards: number | null
  uses: number
  children: number
}

export type YearlyTotalsContext = {
  /** The areas by their name in lower case. */
  areas: Map<string, { id: number; name: string }>
  /** yyyy-MM-dd, Finnish time. */
  today: string
}

const REQUIRED = ['id', 'area', 'year', 'cards', 'uses', 'children'] as const
const OPTIONAL = ['up_to', 'used_cards'] as const

/** The longest source id the table keeps. */
export const SOURCE_ID_MAX_LENGTH = 100
/** The largest count a summary column holds. */
const LARGEST_COUNT = 2_147_483_647

const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fi')

/** How the message shows a date: as the file writes it. */
const shownDate = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toFormat('d.M.yyyy')

/** A count: a whole number, zero or more; spaces between digit groups allowed ("1 234"). */
function parseCount(value: string): number | null {
  const text = value.replace(/[\s\u00a0\u202f]/g, '')
  if (!/^\d+$/.test(text)) return null
  const number = Number(text)
  return number <= LARGEST_COUNT ? number : null
}

function parseLine(
  { values }: ImportLine,
  context: YearlyTotalsContext
): ParsedLine<YearlyTotalsRow> {
  const problems: ImportProblem[] = []
  const refuse = (column: string | null, reason: string, params?: ImportProblem['params']) =>
    problems.push(params ? { column, reason, params } : { column, reason })
  const cell = (column: string) => (values[column] ?? '').trim()
  const required = (column: string) => {
    const value = cell(column)
    if (!value) refuse(column, 'totals_missing')
    return value
  }
  const count = (column: string, optional = false) => {
    const value = optional ? cell(column) : required(column)
    if (!value) return null
    const number = parseCount(value)
    if (number === null) refuse(column, 'totals_not_a_count', { value })
    return number
  }

  const sourceId = required('id')
  if (sourceId.length > SOURCE_ID_MAX_LENGTH) {
    refuse('id', 'totals_too_long', { max: SOURCE_ID_MAX_LENGTH })
  }
  const areaName = required('area')
  const area = areaName ? context.areas.get(nameKey(areaName)) : undefined
  if (areaName && !area) refuse('area', 'totals_unknown_area', { value: areaName })

  const thisYear = Number(context.today.slice(0, 4))
  const yearText = required('year')
  const written = /^\d{4}$/.test(yearText) ? Number(yearText) : null
  const year =
    written !== null && written >= statisticsConfig.firstYear && written <= thisYear
      ? written
      : null
  if (yearText && year === null) {
    refuse('year', 'totals_bad_year', {
      value: yearText,
      first: statisticsConfig.firstYear,
      last: thisYear,
    })
  }

  let upTo: string | null = null
  const upToText = cell('up_to')
  if (upToText) {
    upTo = parseImportDate(upToText)
    if (!upTo) refuse('up_to', 'totals_bad_date', { value: upToText })
    else if (year !== null && Number(upTo.slice(0, 4)) !== year) {
      refuse('up_to', 'totals_up_to_outside_year', { value: upToText, year })
    } else if (upTo > context.today) {
      refuse('up_to', 'totals_up_to_in_future', { value: upToText })
    }
  } else if (year !== null) {
    upTo = `${year}-12-31`
    // This year's totals cannot run to the end of a year that has not ended.
    if (upTo > context.today) refuse('up_to', 'totals_up_to_required', { year })
  }

  const cards = count('cards')
  const usedCards = count('used_cards', true)
  const uses = count('uses')
  const children = count('children')
  if (cards !== null && usedCards !== null && usedCards > cards) {
    refuse('used_cards', 'totals_used_over_cards', { used: usedCards, cards })
  }
  if (uses !== null && children !== null && children > uses) {
    refuse('children', 'totals_children_over_uses', { children, uses })
  }

  if (problems.length || !area || year === null || !upTo) return { problems }
  return {
    row: {
      sourceId,
      areaId: area.id,
      areaName: area.name,
      year,
      upTo,
      cards: cards!,
      usedCards,
      uses: uses!,
      children: children!,
    },
  }
}

type StoredTotals = {
  source_id: string
  area_id: number
  year: number
  up_to: unknown
  cards: number
  used_cards: number | null
  uses: number
  children: number
}

const areaYear = (areaId: number, year: number) => `${areaId}:${year}`

/**
 * The first detailed record of each area and year among the rows': a card
 * issued by one of the area's organisations, or a use (of any status) at
 * one of its venues. "area:year" → yyyy-MM-dd.
 */
async function firstRecords(client: QueryClientContract, rows: YearlyTotalsRow[]) {
  const areaIds = [...new Set(rows.map((row) => row.areaId))]
  const years = rows.map((row) => row.year)
  const from = `${Math.min(...years)}-01-01`
  const until = `${Math.max(...years) + 1}-01-01`
  const firstOf = (table: 'cards' | 'uses', date: string, organisation: string) =>
    client
      .from(`${table} as r`)
      .join('organisations as o', 'o.id', `r.${organisation}`)
      .whereIn('o.area_id', areaIds)
      .where(`r.${date}`, '>=', from)
      .where(`r.${date}`, '<', until)
      .select('o.area_id')
      .select(client.raw(`${yearOf(`r.${date}`)} AS year`))
      .min(`r.${date} as first`)
      .groupBy('o.area_id')
      .groupByRaw(yearOf(`r.${date}`))
  const [cards, uses] = await Promise.all([
    firstOf('cards', 'issued_on', 'issuing_organisation_id'),
    firstOf('uses', 'used_on', 'organisation_id'),
  ])
  const first = new Map<string, string>()
  for (const record of [...cards, ...uses]) {
    const key = areaYear(Number(record.area_id), Number(record.year))
    const date = isoDateFromRow(record.first)!
    const known = first.get(key)
    if (!known || date < known) first.set(key, date)
  }
  return first
}

function sameTotals(stored: StoredTotals, row: YearlyTotalsRow) {
  return (
    isoDateFromRow(stored.up_to) === row.upTo &&
    Number(stored.cards) === row.cards &&
    (stored.used_cards === null ? null : Number(stored.used_cards)) === row.usedCards &&
    Number(stored.uses) === row.uses &&
    Number(stored.children) === row.children
  )
}

async function classifyRows(
  rows: YearlyTotalsRow[],
  client: QueryClientContract,
  context: YearlyTotalsContext
): Promise<Array<ImportOutcome | ImportProblem>> {
  if (!rows.length) return []
  const [stored, records]: [StoredTotals[], Map<string, string>] = await Promise.all([
    client
      .from('stat_history_totals')
      .whereIn(
        'source_id',
        rows.map((row) => row.sourceId)
      )
      .orWhereIn(
        'area_id',
        rows.map((row) => row.areaId)
      )
      .select('source_id', 'area_id', 'year', 'up_to', 'cards', 'used_cards', 'uses', 'children'),
    firstRecords(client, rows),
  ])
  const areaNames = new Map([...context.areas.values()].map((area) => [area.id, area.name]))
  return rows.map((row): ImportOutcome | ImportProblem => {
    const bySource = stored.find((candidate) => candidate.source_id === row.sourceId)
    const byKey = stored.find(
      (candidate) => Number(candidate.area_id) === row.areaId && Number(candidate.year) === row.year
    )
    if (bySource && bySource !== byKey) {
      return {
        column: 'id',
        reason: 'totals_source_id_elsewhere',
        params: {
          id: row.sourceId,
          area: areaNames.get(Number(bySource.area_id)) ?? '',
          year: Number(bySource.year),
        },
      }
    }
    if (byKey && !bySource) {
      return {
        column: 'year',
        reason: 'totals_area_year_taken',
        params: { area: row.areaName, year: row.year, id: byKey.source_id },
      }
    }
    const firstRecord = records.get(areaYear(row.areaId, row.year))
    if (firstRecord && firstRecord <= row.upTo) {
      return {
        column: 'year',
        reason: 'totals_overlap_records',
        params: { area: row.areaName, year: row.year, date: shownDate(firstRecord) },
      }
    }
    if (!bySource) return 'add'
    return sameTotals(bySource, row) ? 'skip' : 'update'
  })
}

async function writeRows(
  rows: Array<{ row: YearlyTotalsRow; outcome: 'add' | 'update' }>,
  trx: TransactionClientContract
) {
  const now = toSqlDateTime(DateTime.now())
  const values = (row: YearlyTotalsRow) => ({
    up_to: row.upTo,
    cards: row.cards,
    used_cards: row.usedCards,
    uses: row.uses,
    children: row.children,
    updated_at: now,
  })
  const added = rows.filter((entry) => entry.outcome === 'add')
  if (added.length) {
    await trx.table('stat_history_totals').multiInsert(
      added.map(({ row }) => ({
        source_id: row.sourceId,
        area_id: row.areaId,
        year: row.year,
        ...values(row),
        created_at: now,
      }))
    )
  }
  // An update keeps the row's area and year (classify refuses a change of either).
  for (const { row } of rows.filter((entry) => entry.outcome === 'update')) {
    await trx.from('stat_history_totals').where('source_id', row.sourceId).update(values(row))
  }
}

/** The yearly totals kind of import file (module imports runs it). */
export const yearlyTotalsImport: ImportKind<YearlyTotalsRow, YearlyTotalsContext> = {
  name: 'yearly_totals',
  required: REQUIRED,
  optional: OPTIONAL,
  guardsIdentity: false,
  async prepare(client) {
    const areas = await client.from('areas').select('id', 'name')
    return {
      areas: new Map(
        areas.map((area) => [nameKey(area.name), { id: Number(area.id), name: area.name }])
      ),
      today: today().toISODate()!,
    }
  },
  parse: parseLine,
  uniqueKeys: (row) => ({ id: row.sourceId, year: areaYear(row.areaId, row.year) }),
  classify: classifyRows,
  write: (rows, trx) => writeRows(rows, trx),
  // The public page and the dashboards show the totals at once, not at the next scheduled
  // refresh; copying them rebuilds no year of cards or uses.
  async afterCommit() {
    await refreshSummaries({ full: false })
    return []
  },
}
