/*
| Charts drawn on the server. chartOf turns a StatTable into the geometry of
| an SVG, plain numbers and strings that components/stats/chart.edge draws;
| pages need no JavaScript. The chart is a picture of the table shown under
| it. Hidden cells and missing values are left out (no bar, a gap in a line):
| they have no value to draw, and drawing them as 0 would be wrong.
*/
import {
  isHidden,
  type CellValue,
  type ColumnKind,
  type HiddenCell,
  type StatColumn,
  type StatTable,
} from '#stats/services/stat_table'

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

const STYLES: Omit<ChartSeries, 'index' | 'key' | 'label' | 'swatch'>[] = [
  { color: '#0b4f8a', pattern: 'solid', dash: null, marker: 'circle' },
  { color: '#b34700', pattern: 'hatch', dash: '8 4', marker: 'square' },
  { color: '#1e6b34', pattern: 'dots', dash: '2 4', marker: 'triangle' },
  { color: '#6b2c6f', pattern: 'cross', dash: '12 4 3 4', marker: 'diamond' },
]

const WIDTH = 680
const HEIGHT = 300
const FONT = 12
const PAD = 8
/** The most ticks on a value axis (an upright one is about 250 units high). */
const MAX_TICKS = 8
/** The least space between two row labels. */
const LABEL_GAP = 4
/** Bars are upright only while every row label fits under its bar and there are not too many. */
const MAX_UPRIGHT_BARS = 16
const BAR = 14
const BAND_GAP = 10
/** The longest a label left of horizontal bars may be, as a share of the width. */
const LABEL_SHARE = 0.38

const NUMBER_LOCALES: Record<string, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }

/**
 * A value as the page's language writes it: 1 234 (fi, sv, with a no-break
 * space) or 1,234 (en); a percent (0–100) with one decimal, "12,5 %" or
 * "12.5%"; a decimal with one decimal. `decimals` overrides the kind's
 * (axis ticks use as many as their step needs).
 */
export function formatStat(value: number, kind: ColumnKind, locale = 'fi', decimals?: number) {
  // A number naming a row (a year) is written as it is.
  if (kind === 'label') return String(value)
  const digits = decimals ?? (kind === 'count' ? 0 : 1)
  const text = new Intl.NumberFormat(NUMBER_LOCALES[locale] ?? 'fi-FI', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value)
  if (kind !== 'percent') return text
  return locale === 'en' ? `${text}%` : `${text}\u00a0%`
}

const round = (value: number) => Math.round(value * 10) / 10
/**
 * About how wide a character of a system sans-serif is, in ems: enough to
 * keep labels apart without measuring text, which a server cannot.
 */
function charWidth(char: string) {
  if (/\d/.test(char)) return 0.6
  if (/[\s.,:;'|!/()[\]\-ijlft]/.test(char)) return 0.32
  if (/[mwMW%…]/.test(char)) return 0.9
  if (char !== char.toLowerCase()) return 0.72
  return 0.6
}

function textWidth(text: string) {
  let ems = 0
  for (const char of text) ems += charWidth(char)
  return ems * FONT
}

/** The text cut with "…" to fit a width. */
function clip(text: string, width: number) {
  if (textWidth(text) <= width) return text
  let room = width - textWidth('…')
  let kept = ''
  for (const char of text) {
    room -= charWidth(char) * FONT
    if (room < 0) break
    kept += char
  }
  return `${kept.trimEnd()}…`
}

const isValue = (value: CellValue): value is number =>
  typeof value === 'number' && Number.isFinite(value)

function labelOf(value: CellValue | undefined) {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

/** The value axis: its ends, its round tick values and their labels. */
type Axis = { min: number; max: number; ticks: number[]; texts: string[] }

/**
 * The finest round step (1, 2 or 5 times a power of ten) that covers low–high,
 * 0 included, in at most maxTicks ticks. Counts step by whole numbers. All
 * zeros give 0–1.
 */
function niceTicks(low: number, high: number, whole: boolean, maxTicks: number) {
  const top = high === low ? low + 1 : high
  for (let power = 10 ** Math.floor(Math.log10((top - low) / maxTicks)); ; power *= 10) {
    for (const step of [power, 2 * power, 5 * power]) {
      if (whole && step < 1) continue
      // The small tolerances keep float noise (0.3 / 0.1 = 2.9999…) from adding a step.
      const first = Math.floor(low / step + 1e-9)
      const last = Math.ceil(top / step - 1e-9)
      if (last - first + 1 > maxTicks) continue
      const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9))
      return {
        ticks: Array.from({ length: last - first + 1 }, (_, index) =>
          Number(((first + index) * step).toFixed(decimals))
        ),
        decimals,
      }
    }
  }
}

/** A marker centred on (x, y) as path data. */
function markerPath(shape: ChartMarker, x: number, y: number) {
  const r = 4.5
  switch (shape) {
    case 'circle':
      return `M${round(x - r)} ${round(y)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`
    case 'square':
      return `M${round(x - 4)} ${round(y - 4)}h8v8h-8Z`
    case 'triangle':
      return `M${round(x)} ${round(y - 5.5)}L${round(x + 5.5)} ${round(y + 4)}L${round(x - 5.5)} ${round(y + 4)}Z`
    case 'diamond':
      return `M${round(x)} ${round(y - 6)}L${round(x + 6)} ${round(y)}L${round(x)} ${round(y + 6)}L${round(x - 6)} ${round(y)}Z`
  }
}

type Row = { label: string; cells: CellValue[] }

type Frame = {
  rows: Row[]
  series: ChartSeries[]
  /** Formats a drawn value as the table does. */
  format: (value: number) => string
  /** The value axis with at most so many ticks. */
  axis: (maxTicks: number) => Axis
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

/** The plot of an upright chart: the value axis labels on the left, row labels below. */
function uprightPlot(axis: Axis) {
  const left = PAD + Math.max(...axis.texts.map(textWidth)) + 6
  const top = PAD + FONT / 2
  const bottom = PAD + FONT + 10
  return { x: left, y: top, width: WIDTH - left - PAD, height: HEIGHT - top - bottom }
}

/**
 * Upright bars only when there are not too many and every row label fits
 * under its own bars: bar labels are never thinned out, as each names a bar.
 */
function barsFitUpright(frame: Frame) {
  const { rows, series } = frame
  if (rows.length > MAX_UPRIGHT_BARS) return false
  const slot = uprightPlot(frame.axis(MAX_TICKS)).width / rows.length
  const longest = Math.max(...rows.map((row) => textWidth(row.label)))
  return longest + LABEL_GAP <= slot && slot / series.length >= 8
}

/** Columns or lines over the rows, the value axis on the left. */
function uprightChart(frame: Frame, kind: 'bar' | 'line'): Chart {
  const { rows, series, format } = frame
  const axis = frame.axis(MAX_TICKS)
  const plot = uprightPlot(axis)
  const yOf = (value: number) => plot.y + (plot.height * (axis.max - value)) / (axis.max - axis.min)
  const zero = yOf(0)
  const slot = plot.width / rows.length
  const centre = (index: number) => plot.x + (index + 0.5) * slot

  // Every n-th label, so that labels keep a little space between them.
  const longest = Math.max(...rows.map((row) => textWidth(row.label)))
  const every = Math.max(1, Math.ceil((longest + LABEL_GAP) / slot))
  const categories = rows
    .map((row, index) => ({ row, index }))
    .filter(({ index }) => index % every === 0)
    .map(({ row, index }) => ({
      x: round(centre(index)),
      y: round(plot.y + plot.height + 6 + FONT * 0.8),
      text: clip(row.label, Math.max(slot * every - LABEL_GAP, 3 * FONT)),
      full: row.label,
      anchor: 'middle' as const,
    }))

  const bars: ChartBar[] = []
  const hiddenMarks: ChartHiddenMark[] = []
  const lines: ChartLine[] = []
  if (kind === 'bar') {
    const group = slot * 0.7
    const width = group / series.length
    rows.forEach((row, index) => {
      row.cells.forEach((cell, seriesIndex) => {
        const x = plot.x + index * slot + (slot - group) / 2 + seriesIndex * width
        if (isValue(cell)) {
          bars.push({
            x: round(x),
            y: round(Math.min(yOf(cell), zero)),
            width: round(width),
            height: round(Math.abs(yOf(cell) - zero)),
            series: seriesIndex,
            row: row.label,
            value: cell,
            text: format(cell),
          })
        } else if (isHidden(cell) && width >= textWidth('< 5')) {
          hiddenMarks.push({
            x: round(x + width / 2),
            y: round(zero - 4),
            anchor: 'middle',
            hidden: cell.hidden,
            series: seriesIndex,
            row: row.label,
          })
        }
      })
    })
  } else {
    for (const line of series) {
      const points: ChartPoint[] = []
      const runs: ChartPoint[][] = [[]]
      rows.forEach((row, index) => {
        const cell = row.cells[line.index]
        if (!isValue(cell)) {
          runs.push([])
          return
        }
        const x = centre(index)
        const y = yOf(cell)
        const point = {
          x: round(x),
          y: round(y),
          row: row.label,
          value: cell,
          text: format(cell),
          marker: markerPath(line.marker, x, y),
        }
        points.push(point)
        runs.at(-1)!.push(point)
      })
      lines.push({
        series: line.index,
        segments: runs
          .filter((run) => run.length > 1)
          .map((run) => run.map((point) => `${point.x},${point.y}`).join(' ')),
        points,
      })
    }
  }

  return {
    kind,
    horizontal: false,
    width: WIDTH,
    height: HEIGHT,
    fontSize: FONT,
    plot: {
      x: round(plot.x),
      y: round(plot.y),
      width: round(plot.width),
      height: round(plot.height),
    },
    baseline: {
      x1: round(plot.x),
      y1: round(zero),
      x2: round(plot.x + plot.width),
      y2: round(zero),
    },
    ticks: axis.ticks.map((value, index) => {
      const y = round(yOf(value))
      return {
        value,
        line: { x1: round(plot.x), y1: y, x2: round(plot.x + plot.width), y2: y },
        label: {
          x: round(plot.x - 6),
          y: round(y + FONT * 0.35),
          text: axis.texts[index],
          anchor: 'end' as const,
        },
      }
    }),
    categories,
    bars,
    lines,
    values: [],
    hiddenMarks,
    series,
  }
}

/** Bars growing to the right, a row under another, labelled on the left and at their ends. */
function horizontalBars(frame: Frame): Chart {
  const { rows, series, format } = frame
  const labelWidth = Math.min(
    Math.max(...rows.map((row) => textWidth(row.label))),
    WIDTH * LABEL_SHARE
  )
  const valueTexts = rows.flatMap((row) => row.cells.filter(isValue).map(format))
  // Room after the longest bar for its value, or for a hidden cell's mark.
  const valueWidth = Math.max(...valueTexts.map(textWidth), textWidth('< 5')) + 6
  const left = PAD + labelWidth + 8
  const band = series.length * BAR + BAND_GAP
  const plot = {
    x: left,
    y: PAD,
    width: WIDTH - left - valueWidth - PAD,
    height: rows.length * band,
  }
  const height = plot.y + plot.height + 6 + FONT + PAD
  // As many ticks as have room for their labels side by side.
  let axis = frame.axis(MAX_TICKS)
  for (let maxTicks = MAX_TICKS - 1; maxTicks >= 2; maxTicks--) {
    const room = plot.width / (axis.ticks.length - 1)
    if (Math.max(...axis.texts.map(textWidth)) + 12 <= room) break
    axis = frame.axis(maxTicks)
  }
  const xOf = (value: number) => plot.x + (plot.width * (value - axis.min)) / (axis.max - axis.min)
  const zero = xOf(0)

  const bars: ChartBar[] = []
  const values: ChartText[] = []
  const hiddenMarks: ChartHiddenMark[] = []
  rows.forEach((row, index) => {
    row.cells.forEach((cell, seriesIndex) => {
      const y = plot.y + index * band + BAND_GAP / 2 + seriesIndex * BAR
      const middle = round(y + (BAR - 2) / 2 + FONT * 0.35)
      if (isValue(cell)) {
        const end = xOf(cell)
        bars.push({
          x: round(Math.min(end, zero)),
          y: round(y),
          width: round(Math.abs(end - zero)),
          // A 2-unit gap between the bars of one row.
          height: BAR - 2,
          series: seriesIndex,
          row: row.label,
          value: cell,
          text: format(cell),
        })
        values.push(
          cell < 0
            ? { x: round(end - 4), y: middle, text: format(cell), anchor: 'end' }
            : { x: round(end + 4), y: middle, text: format(cell), anchor: 'start' }
        )
      } else if (isHidden(cell)) {
        hiddenMarks.push({
          x: round(zero + 4),
          y: middle,
          anchor: 'start',
          hidden: cell.hidden,
          series: seriesIndex,
          row: row.label,
        })
      }
    })
  })

  return {
    kind: 'bar',
    horizontal: true,
    width: WIDTH,
    height: round(height),
    fontSize: FONT,
    plot: { x: round(plot.x), y: round(plot.y), width: round(plot.width), height: plot.height },
    baseline: { x1: round(zero), y1: plot.y, x2: round(zero), y2: plot.y + plot.height },
    ticks: axis.ticks.map((value, index) => {
      const x = round(xOf(value))
      return {
        value,
        line: { x1: x, y1: plot.y, x2: x, y2: plot.y + plot.height },
        label: {
          x,
          y: round(plot.y + plot.height + 4 + FONT * 0.8),
          text: axis.texts[index],
          anchor: 'middle' as const,
        },
      }
    }),
    categories: rows.map((row, index) => ({
      x: round(plot.x - 8),
      y: round(plot.y + index * band + band / 2 + FONT * 0.35),
      text: clip(row.label, labelWidth),
      full: row.label,
      anchor: 'end' as const,
    })),
    bars,
    lines: [],
    values,
    hiddenMarks,
    series,
  }
}
