import { isHidden } from '#stats/services/stat_table'
import type {
  Chart,
  ChartBar,
  ChartHiddenMark,
  ChartLine,
  ChartPoint,
} from '#stats/services/chart_types'
import {
  type Axis,
  type Frame,
  FONT,
  HEIGHT,
  LABEL_GAP,
  MAX_TICKS,
  MAX_UPRIGHT_BARS,
  PAD,
  WIDTH,
  clip,
  hiddenMarkWidth,
  isValue,
  markerPath,
  round,
  textWidth,
} from '#stats/services/chart_geometry'

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
export function barsFitUpright(frame: Frame) {
  const { rows, series } = frame
  if (rows.length > MAX_UPRIGHT_BARS) return false
  const slot = uprightPlot(frame.axis(MAX_TICKS)).width / rows.length
  const longest = Math.max(...rows.map((row) => textWidth(row.label)))
  return longest + LABEL_GAP <= slot && slot / series.length >= 8
}

/** Columns or lines over the rows, the value axis on the left. */
export function uprightChart(frame: Frame, kind: 'bar' | 'line'): Chart {
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
        } else if (isHidden(cell) && width >= hiddenMarkWidth()) {
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
