import privacyConfig from '#config/privacy'
import type { CellValue } from '#stats/services/stat_table'

/*
| The small-number rule for breakdowns by background data (age, gender,
| mother tongue, life situation, postal code): a count from 1 up to the
| smallest shown (config/privacy.ts) is hidden, written "< 5" when that is 5.
| Its line's total is known (it is shown elsewhere, or is the sum of the
| line), so a hidden count could be worked out from the rest; every line (a
| column, and in a cross-table also a row) that hides something therefore
| also hides its smallest count at or above the limit, so that what is
| hidden is never a single small number nor a sum that pins its parts
| (1 + 1, 4 + 4); a line with no such count hides all of its cells, zeros
| too. These extra cells are shown as "×". The rule runs until no line
| needs more.
*/
type Line = [row: number, column: number][]

function linesOf(rows: number, columns: number, crossTable: boolean): Line[] {
  const byColumn = Array.from({ length: columns }, (_, column) =>
    Array.from({ length: rows }, (__, row): [number, number] => [row, column])
  )
  if (!crossTable) return byColumn
  const byRow = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (__, column): [number, number] => [row, column])
  )
  return [...byColumn, ...byRow]
}

/**
 * Hides the small counts of a breakdown and what would give them away.
 * `counts[row][column]`; a cross-table (two background dimensions) is
 * protected along rows too.
 */
export function hideSmallCounts(counts: number[][], { crossTable = false } = {}): CellValue[][] {
  const smallest = privacyConfig.smallestShown
  const hidden: (false | 'small' | 'complement')[][] = counts.map((row) =>
    row.map((count) => (count > 0 && count < smallest ? 'small' : false))
  )
  const lines = linesOf(counts.length, counts[0]?.length ?? 0, crossTable)
  let changed = true
  while (changed) {
    changed = false
    for (const line of lines) {
      const hiddenCells = line.filter(([row, column]) => hidden[row][column])
      if (!hiddenCells.length) continue
      const hidesALargeOne = hiddenCells.some(([row, column]) => counts[row][column] >= smallest)
      const visible = line
        .filter(([row, column]) => !hidden[row][column])
        .sort(([r1, c1], [r2, c2]) => counts[r1][c1] - counts[r2][c2])
      const large = visible.find(([row, column]) => counts[row][column] >= smallest)
      let next: [number, number][] = []
      if (!hidesALargeOne && large) next = [large]
      // Nothing large to hide with them: hide the whole line, zeros too.
      else if (!hidesALargeOne) next = visible
      else if (hiddenCells.length < 2 && visible.length) next = [visible[0]]
      for (const [row, column] of next) {
        hidden[row][column] = 'complement'
        changed = true
      }
    }
  }
  return counts.map((row, r) =>
    row.map((count, c) => {
      const kind = hidden[r][c]
      return kind ? { hidden: kind } : count
    })
  )
}
