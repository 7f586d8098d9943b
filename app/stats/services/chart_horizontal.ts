import { isHidden } from '#stats/services/stat_table'
import type { Chart, ChartBar, ChartHiddenMark, ChartText } from '#stats/services/chart_types'
import {
  type Frame,
  BAND_GAP,
  BAR,
  FONT,
  LABEL_SHARE,
  MAX_TICKS,
  PAD,
  WIDTH,
  clip,
  hiddenMarkWidth,
  isValue,
  round,
  textWidth,
} from '#stats/services/chart_geometry'

/** Bars growing to the right, a row under another, labelled on the left and at their ends. */
export function horizontalBars(frame: Frame): Chart {
  const { rows, series, format } = frame
  const labelWidth = Math.min(
    Math.max(...rows.map((row) => textWidth(row.label))),
    WIDTH * LABEL_SHARE
  )
  const valueTexts = rows.flatMap((row) => row.cells.filter(isValue).map(format))
  // Room after the longest bar for its value, or for a hidden cell's mark.
  const valueWidth = Math.max(...valueTexts.map(textWidth), hiddenMarkWidth()) + 6
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
