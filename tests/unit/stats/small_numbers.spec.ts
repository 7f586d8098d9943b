import { test } from '@japa/runner'
import { hideSmallCounts } from '#stats/services/small_numbers'
import type { CellValue } from '#stats/services/stat_table'

const shown = (cells: CellValue[][]) =>
  cells.map((row) =>
    row.map((cell) =>
      typeof cell === 'object' && cell !== null && 'hidden' in cell
        ? cell.hidden === 'small'
          ? '<5'
          : 'x'
        : cell
    )
  )

test.group('Small numbers in background breakdowns', () => {
  test('counts of five or more and zeros are shown as they are', ({ assert }) => {
    assert.deepEqual(shown(hideSmallCounts([[5], [0], [120]])), [[5], [0], [120]])
  })

  test('a count from 1 to 4 is hidden with the next smallest count of five or more', ({
    assert,
  }) => {
    // Gender of 143 cards: hiding only "other" (3) would leave it as 143 − 140.
    assert.deepEqual(shown(hideSmallCounts([[80], [60], [3], [0]])), [[80], ['x'], ['<5'], [0]])
  })

  test('two small counts are not left alone as a sum that gives them away', ({ assert }) => {
    // 1 + 1 hidden would be 2 = total − 50: both would be known to be 1.
    assert.deepEqual(shown(hideSmallCounts([[1], [1], [50], [7]])), [['<5'], ['<5'], [50], ['x']])
  })

  test('a column with nothing of five or more hides all its counts, zeros too', ({ assert }) => {
    assert.deepEqual(shown(hideSmallCounts([[2], [0], [0]])), [['<5'], ['x'], ['x']])
  })

  test('each column is protected on its own', ({ assert }) => {
    // registered, used: 3 used of 40 is hidden; 40 registered is not small.
    assert.deepEqual(
      shown(
        hideSmallCounts([
          [40, 3],
          [30, 12],
          [9, 9],
        ])
      ),
      [
        [40, '<5'],
        [30, 12],
        [9, 'x'],
      ]
    )
  })

  test('a cross-table hides along rows and columns until no line gives a count away', ({
    assert,
  }) => {
    const result = shown(
      hideSmallCounts(
        [
          [20, 3, 15],
          [30, 25, 40],
          [12, 18, 9],
        ],
        { crossTable: true }
      )
    )
    // Every row and column with a hidden cell hides at least two, one of them 5 or more.
    for (const line of [...result, ...result[0].map((_, c) => result.map((row) => row[c]))]) {
      const hidden = line.filter((cell) => typeof cell === 'string')
      if (hidden.length) assert.isAtLeast(hidden.length, 2)
    }
    assert.equal(result[0][1], '<5')
    assert.deepEqual(
      result.flat().filter((cell) => cell === '<5'),
      ['<5']
    )
  })
})
