import privacyConfig from '#config/privacy'
import type { CellValue } from '#stats/services/stat_table'
import type { ChartMarker, ChartSeries } from '#stats/services/chart_types'

/*
| What the chart layouts share: the viewBox and its spacing, the width of a
| text estimated without measuring it, the value axis and the markers.
*/
export const WIDTH = 680
export const HEIGHT = 300
export const FONT = 12
export const PAD = 8
/** The most ticks on a value axis (an upright one is about 250 units high). */
export const MAX_TICKS = 8
/** The least space between two row labels. */
export const LABEL_GAP = 4
/** Bars are upright only while every row label fits under its bar and there are not too many. */
export const MAX_UPRIGHT_BARS = 16
export const BAR = 14
export const BAND_GAP = 10
/** The longest a label left of horizontal bars may be, as a share of the width. */
export const LABEL_SHARE = 0.38

export const round = (value: number) => Math.round(value * 10) / 10
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

export function textWidth(text: string) {
  let ems = 0
  for (const char of text) ems += charWidth(char)
  return ems * FONT
}

/** The text cut with "…" to fit a width. */
export function clip(text: string, width: number) {
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

export const isValue = (value: CellValue): value is number =>
  typeof value === 'number' && Number.isFinite(value)

/** The value axis: its ends, its round tick values and their labels. */
export type Axis = { min: number; max: number; ticks: number[]; texts: string[] }

/**
 * The finest round step (1, 2 or 5 times a power of ten) that covers low–high,
 * 0 included, in at most maxTicks ticks. Counts step by whole numbers. All
 * zeros give 0–1.
 */
export function niceTicks(low: number, high: number, whole: boolean, maxTicks: number) {
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
export function markerPath(shape: ChartMarker, x: number, y: number) {
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

export type Row = { label: string; cells: CellValue[] }

export type Frame = {
  rows: Row[]
  series: ChartSeries[]
  /** Formats a drawn value as the table does. */
  format: (value: number) => string
  /** The value axis with at most so many ticks. */
  axis: (maxTicks: number) => Axis
}

/** Room for the widest mark of a hidden cell: "< 5" with the smallest shown (config/privacy.ts). */
export function hiddenMarkWidth() {
  return textWidth(`< ${privacyConfig.smallestShown}`)
}
