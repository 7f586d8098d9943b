import type { HiddenCell } from '#stats/services/stat_table'

/* The geometry of a chart (chartOf) that components/stats/chart.edge draws. */

export type ChartPattern = 'solid' | 'hatch' | 'dots' | 'cross'
export type ChartMarker = 'circle' | 'square' | 'triangle' | 'diamond'

/**
 * One drawn column. Series differ by colour and also by a pattern (bars) or
 * a dash style and marker shape (lines), so colour is never the only cue.
 */
export type ChartSeries = {
  index: number
  key: string
  label: string
  /** At least 4.5:1 against white. */
  color: string
  pattern: ChartPattern
  /** stroke-dasharray of the line; null for a solid line. */
  dash: string | null
  marker: ChartMarker
  /** The marker in the middle of a 32×16 legend key, as path data. */
  swatch: string
}

export type ChartText = { x: number; y: number; text: string; anchor: 'start' | 'middle' | 'end' }

export type ChartTick = {
  value: number
  /** The grid line across the plot. */
  line: { x1: number; y1: number; x2: number; y2: number }
  label: ChartText
}

export type ChartBar = {
  x: number
  y: number
  width: number
  height: number
  series: number
  /** The row's label. */
  row: string
  value: number
  /** The value as the table writes it (for a tooltip). */
  text: string
}

export type ChartPoint = {
  x: number
  y: number
  row: string
  value: number
  text: string
  /** The marker as SVG path data. */
  marker: string
}

export type ChartLine = {
  series: number
  /** Polyline points ("x,y x,y") of each unbroken run; a hidden or missing value breaks the line. */
  segments: string[]
  points: ChartPoint[]
}

/** Where a hidden cell would be: the template writes its mark ("< 5", "×") there. */
export type ChartHiddenMark = {
  x: number
  y: number
  anchor: 'start' | 'middle'
  hidden: HiddenCell['hidden']
  series: number
  row: string
}

export type Chart = {
  kind: 'bar' | 'line'
  /** Bars grow to the right, one row under another (many rows or long labels). */
  horizontal: boolean
  /** The viewBox; the SVG scales to the width of its container. */
  width: number
  height: number
  fontSize: number
  plot: { x: number; y: number; width: number; height: number }
  /** The zero line. */
  baseline: { x1: number; y1: number; x2: number; y2: number }
  ticks: ChartTick[]
  /** Row labels: under the columns or points, or left of horizontal bars; thinned out when many. */
  categories: (ChartText & { full: string })[]
  bars: ChartBar[]
  lines: ChartLine[]
  /** Values written at the ends of horizontal bars. */
  values: ChartText[]
  hiddenMarks: ChartHiddenMark[]
  series: ChartSeries[]
}
