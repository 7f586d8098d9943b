/*
| One statistic as the pages, the charts and the exports see it: a titled
| table with a plain-language definition. Cells of a breakdown by background
| data that are too small to show are replaced before the table is built
| (see small_numbers.ts), so nothing downstream can leak them.
*/

/** A count too small to show ("< 5"), or a larger one hidden so the small one cannot be worked out. */
export type HiddenCell = { hidden: 'small' | 'complement' }

export type CellValue = string | number | null | HiddenCell

export type ColumnKind = 'label' | 'count' | 'percent' | 'decimal'

export type StatColumn = { key: string; label: string; kind: ColumnKind }

/** How the chart draws the table: bars per row (one bar per series), or a line per series over the rows. */
export type ChartSpec = {
  kind: 'bar' | 'line'
  /** The column whose values name the rows (the x axis or the bar labels). */
  labelColumn: string
  /** The count columns drawn. */
  series: string[]
}

export type StatTable = {
  /** Stable key: the panel's id, the export file name, the i18n key. */
  key: string
  title: string
  /** What is counted and how, in plain language. */
  definition: string
  columns: StatColumn[]
  rows: Record<string, CellValue>[]
  /** Optional last row summing the table (never shown for tables with hidden cells). */
  total?: Record<string, CellValue>
  chart: ChartSpec | null
}

export function isHidden(value: CellValue): value is HiddenCell {
  return typeof value === 'object' && value !== null && 'hidden' in value
}
