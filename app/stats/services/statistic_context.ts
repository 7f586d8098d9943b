import db from '@adonisjs/lucid/services/db'
import type { CellValue, ChartSpec, ColumnKind, StatTable } from '#stats/services/stat_table'

/*
| What every statistic is computed for: whose numbers (a scope the role
| allows, decided by the controller's policy), which year and quarter, and
| the words of the user's language.
*/
export type StatScope = {
  /** null with no organisation: the whole country. */
  areaId: number | null
  /** A distributor's or a venue's own numbers. */
  organisationId: number | null
  organisationType: 'distributor' | 'venue' | null
}

export type StatFilters = {
  year: number
  /** 1–4, or null for the whole year. */
  quarter: number | null
}

export type Translate = (key: string, data?: Record<string, unknown>) => string

export type StatContext = {
  scope: StatScope
  filters: StatFilters
  t: Translate
  /** fi, sv or en: for names the database holds in each language (genres). */
  locale: string
}

export const registry = () => db.connection('registry')

/** The months (1–12) the filters cover. */
export function monthsOf(filters: StatFilters) {
  if (!filters.quarter) return Array.from({ length: 12 }, (_, index) => index + 1)
  const first = filters.quarter * 3 - 2
  return [first, first + 1, first + 2]
}

/** used ÷ registered as a percentage with one decimal, or null with nothing registered. */
export function rateOf(part: number, whole: number) {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null
}

/** A count from a SUM/COUNT, which either engine may give as a string or null. */
export const count = (value: unknown) => Number(value ?? 0)

export type ColumnDefinition = [key: string, kind: ColumnKind]

/** A StatTable with its title, definition and column labels from stats.<key>. */
export function statTable(
  { t }: StatContext,
  key: string,
  columns: ColumnDefinition[],
  rows: Record<string, CellValue>[],
  chart: ChartSpec | null,
  extra: Partial<StatTable> = {}
): StatTable {
  return {
    key,
    title: t(`stats.${key}.title`),
    definition: t(`stats.${key}.definition`),
    columns: columns.map(([column, kind]) => ({
      key: column,
      kind,
      label: t(`stats.column.${column}`),
    })),
    rows,
    chart,
    ...extra,
  }
}
