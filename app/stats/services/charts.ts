/*
| Charts drawn on the server. chartOf turns a StatTable into the geometry of
| an SVG, plain numbers and strings that components/stats/chart.edge draws;
| pages need no JavaScript. The chart is a picture of the table shown under
| it. Hidden cells and missing values are left out (no bar, a gap in a line):
| they have no value to draw, and drawing them as 0 would be wrong.
*/
import type { CellValue, StatColumn, StatTable } from '#stats/services/stat_table'
import type { Chart, ChartSeries } from '#stats/services/chart_types'
import {
  type Frame,
  type Row,
  isValue,
  markerPath,
  niceTicks,
} from '#stats/services/chart_geometry'
import { formatStat } from '#stats/services/stat_format'
import { barsFitUpright, uprightChart } from '#stats/services/chart_upright'
import { horizontalBars } from '#stats/services/chart_horizontal'

const STYLES: Omit<ChartSeries, 'index' | 'key' | 'label' | 'swatch'>[] = [
  { color: '#0b4f8a', pattern: 'solid', dash: null, marker: 'circle' },
  { color: '#b34700', pattern: 'hatch', dash: '8 4', marker: 'square' },
  { color: '#1e6b34', pattern: 'dots', dash: '2 4', marker: 'triangle' },
  { color: '#6b2c6f', pattern: 'cross', dash: '12 4 3 4', marker: 'diamond' },
]

function labelOf(value: CellValue | undefined) {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

/**
 * The chart of a table, or null when it has none: no chart in the spec, no
 * rows, or not one value to draw (every cell hidden or missing). `locale`
 * formats the axis and the values (fi, sv, en).
 */
export function chartOf(table: StatTable, locale = 'fi'): Chart | null {
  const spec = table.chart
  if (!spec) return null
  const columns = spec.series
    .map((key) => table.columns.find((column) => column.key === key))
    .filter((column): column is StatColumn => column !== undefined)
  const rows: Row[] = table.rows.map((row) => ({
    label: labelOf(row[spec.labelColumn]),
    cells: columns.map((column) => row[column.key] ?? null),
  }))
  const values = rows.flatMap((row) => row.cells).filter(isValue)
  if (values.length === 0) return null

  const kind = columns[0].kind
  const series = columns.map((column, index) => {
    const style = STYLES[index % STYLES.length]
    return {
      index,
      key: column.key,
      label: column.label,
      ...style,
      swatch: markerPath(style.marker, 16, 8),
    }
  })
  const low = Math.min(0, ...values)
  const high = Math.max(0, ...values)
  const whole = columns.every((column) => column.kind === 'count')
  const frame: Frame = {
    rows,
    series,
    format: (value) => formatStat(value, kind, locale),
    axis: (maxTicks) => {
      const { ticks, decimals } = niceTicks(low, high, whole, maxTicks)
      return {
        min: ticks[0],
        max: ticks.at(-1)!,
        ticks,
        texts: ticks.map((tick) => formatStat(tick, kind, locale, decimals)),
      }
    },
  }
  if (spec.kind === 'line') return uprightChart(frame, 'line')
  return barsFitUpright(frame) ? uprightChart(frame, 'bar') : horizontalBars(frame)
}
