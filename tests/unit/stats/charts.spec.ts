import { test } from '@japa/runner'
import { chartOf } from '#stats/services/charts'
import { formatStat } from '#stats/services/stat_format'
import type { CellValue, ChartSpec, StatColumn, StatTable } from '#stats/services/stat_table'

const NBSP = '\u00a0'

function table(
  rows: Record<string, CellValue>[],
  chart: ChartSpec | null,
  columns: StatColumn[] = [
    { key: 'label', label: 'Kuukausi', kind: 'label' },
    { key: 'cards', label: 'Kortteja', kind: 'count' },
  ]
): StatTable {
  return { key: 'test', title: 'Testi', definition: 'Testitaulukko.', columns, rows, chart }
}

const line: ChartSpec = { kind: 'line', labelColumn: 'label', series: ['cards'] }
const bar: ChartSpec = { kind: 'bar', labelColumn: 'label', series: ['cards'] }
const twoSeries: StatColumn[] = [
  { key: 'label', label: 'Alue', kind: 'label' },
  { key: 'cards', label: 'Kortteja', kind: 'count' },
  { key: 'uses', label: 'Käyttöjä', kind: 'count' },
]

const months = [12, 30, 45, 80, 0, 120, 95, 60, 210, 340, 280, 1234].map((cards, index) => ({
  label: `${index + 1}/2026`,
  cards,
}))

test.group('Charts', () => {
  test('a year by month: a line over twelve labelled points on a round axis from 0', ({
    assert,
  }) => {
    const chart = chartOf(table(months, line), 'fi')!
    assert.equal(chart.kind, 'line')
    assert.isFalse(chart.horizontal)
    assert.deepEqual(
      chart.ticks.map((tick) => tick.value),
      [0, 200, 400, 600, 800, 1000, 1200, 1400]
    )
    assert.deepEqual(
      chart.ticks.slice(4).map((tick) => tick.label.text),
      ['800', `1${NBSP}000`, `1${NBSP}200`, `1${NBSP}400`]
    )
    assert.lengthOf(chart.categories, 12)
    assert.equal(chart.categories[0].text, '1/2026')
    assert.lengthOf(chart.lines, 1)
    assert.lengthOf(chart.lines[0].points, 12)
    assert.lengthOf(chart.lines[0].segments, 1)
    assert.lengthOf(chart.lines[0].segments[0].split(' '), 12)

    // Points are on the scale: 0 on the zero line, 1234 between the 1200 and 1400 ticks.
    const [first, , , , zero] = chart.lines[0].points
    assert.equal(zero.y, chart.baseline.y1)
    assert.isBelow(first.y, chart.baseline.y1)
    const top = chart.lines[0].points[11]
    assert.isAbove(top.y, chart.ticks[7].line.y1)
    assert.isBelow(top.y, chart.ticks[6].line.y1)
    assert.equal(top.text, `1${NBSP}234`)
    for (const point of chart.lines[0].points) {
      assert.isAtLeast(point.x, chart.plot.x)
      assert.isAtMost(point.x, chart.plot.x + chart.plot.width)
    }
    assert.deepEqual(
      chart.series.map((series) => series.label),
      ['Kortteja']
    )
  })

  test('a month by day: 31 points, fewer labels', ({ assert }) => {
    const days = Array.from({ length: 31 }, (_, index) => ({
      label: `${index + 1}.3.2026`,
      cards: index,
    }))
    const chart = chartOf(table(days, line))!
    assert.lengthOf(chart.lines[0].points, 31)
    assert.isBelow(chart.categories.length, 31)
    assert.isAbove(chart.categories.length, 3)
    assert.equal(chart.categories[0].text, '1.3.2026')
    // Shown labels keep apart: "10.3.2026" is about 50 units wide.
    assert.isAbove(chart.categories[1].x - chart.categories[0].x, 55)
  })

  test('two series: grouped upright bars told apart by pattern as well as colour', ({ assert }) => {
    const rows = [
      { label: 'Pirkanmaa', cards: 40, uses: 120 },
      { label: 'Oulu', cards: 12, uses: 30 },
      { label: 'Turku', cards: 25, uses: 61 },
    ]
    const chart = chartOf(
      table(rows, { kind: 'bar', labelColumn: 'label', series: ['cards', 'uses'] }, twoSeries),
      'en'
    )!
    assert.isFalse(chart.horizontal)
    assert.lengthOf(chart.bars, 6)
    assert.lengthOf(chart.series, 2)
    assert.notEqual(chart.series[0].color, chart.series[1].color)
    assert.notEqual(chart.series[0].pattern, chart.series[1].pattern)
    assert.notEqual(chart.series[0].marker, chart.series[1].marker)
    assert.deepEqual(
      chart.ticks.map((tick) => tick.value),
      [0, 20, 40, 60, 80, 100, 120]
    )

    const [cards, uses] = chart.bars
    assert.equal(cards.series, 0)
    assert.equal(uses.series, 1)
    assert.equal(cards.row, 'Pirkanmaa')
    assert.isBelow(cards.x, uses.x)
    // Heights in proportion to the values, from the zero line.
    assert.closeTo(uses.height / cards.height, 3, 0.05)
    assert.closeTo(uses.y + uses.height, chart.baseline.y1, 0.1)
    assert.closeTo(uses.y, chart.plot.y, 0.1)
    assert.deepEqual(
      chart.categories.map((label) => label.text),
      ['Pirkanmaa', 'Oulu', 'Turku']
    )
  })

  test('hidden cells and missing values are not drawn: no bar, a gap in the line', ({ assert }) => {
    const rows: Record<string, CellValue>[] = [
      { label: 'A', cards: 12, uses: 30 },
      { label: 'B', cards: { hidden: 'small' }, uses: { hidden: 'complement' } },
      { label: 'C', cards: null, uses: 25 },
      { label: 'D', cards: 20, uses: 22 },
      { label: 'E', cards: 21, uses: 18 },
    ]
    const bars = chartOf(
      table(rows, { kind: 'bar', labelColumn: 'label', series: ['cards', 'uses'] }, twoSeries)
    )!
    assert.lengthOf(bars.bars, 7)
    assert.notIncludeMembers(
      bars.bars.map((b) => b.row),
      ['B']
    )
    assert.deepEqual(
      bars.hiddenMarks.map((mark) => [mark.row, mark.series, mark.hidden]),
      [
        ['B', 0, 'small'],
        ['B', 1, 'complement'],
      ]
    )
    assert.isTrue(bars.hiddenMarks.every((mark) => mark.y < bars.baseline.y1))

    const lines = chartOf(
      table(rows, { kind: 'line', labelColumn: 'label', series: ['cards', 'uses'] }, twoSeries)
    )!
    const [cards, uses] = lines.lines
    assert.deepEqual(
      cards.points.map((point) => point.row),
      ['A', 'D', 'E']
    )
    // A alone is a marker only; D–E is a line.
    assert.lengthOf(cards.segments, 1)
    assert.lengthOf(cards.segments[0].split(' '), 2)
    assert.deepEqual(
      uses.points.map((point) => point.row),
      ['A', 'C', 'D', 'E']
    )
    assert.lengthOf(uses.segments, 1)
    assert.lengthOf(uses.segments[0].split(' '), 3)
    assert.notEqual(lines.series[0].dash, lines.series[1].dash)
  })

  test('a table with nothing to draw has no chart', ({ assert }) => {
    assert.isNull(chartOf(table(months, null)))
    assert.isNull(chartOf(table([], bar)))
    assert.isNull(
      chartOf(
        table(
          [
            { label: 'A', cards: { hidden: 'small' } },
            { label: 'B', cards: null },
          ],
          bar
        )
      )
    )
    assert.isNull(chartOf(table(months, { ...bar, series: ['no_such_column'] })))
  })

  test('all zeros: flat bars on an axis from 0 to 1', ({ assert }) => {
    const chart = chartOf(
      table(
        [
          { label: 'A', cards: 0 },
          { label: 'B', cards: 0 },
        ],
        bar
      )
    )!
    assert.deepEqual(
      chart.ticks.map((tick) => tick.value),
      [0, 1]
    )
    assert.lengthOf(chart.bars, 2)
    for (const b of chart.bars) {
      assert.equal(b.height, 0)
      assert.equal(b.y, chart.baseline.y1)
    }
  })

  test('one row: one bar in the middle, or one point without a line', ({ assert }) => {
    const rows = [{ label: '2026', cards: 7 }]
    const chart = chartOf(table(rows, bar))!
    assert.lengthOf(chart.bars, 1)
    assert.closeTo(
      chart.bars[0].x + chart.bars[0].width / 2,
      chart.plot.x + chart.plot.width / 2,
      0.2
    )
    assert.equal(chart.categories[0].text, '2026')
    assert.deepEqual(
      chart.ticks.map((tick) => tick.value),
      [0, 1, 2, 3, 4, 5, 6, 7]
    )

    const point = chartOf(table(rows, line))!
    assert.lengthOf(point.lines[0].points, 1)
    assert.deepEqual(point.lines[0].segments, [])
  })

  test('many rows with long labels: horizontal bars with their values', ({ assert }) => {
    const venues = Array.from({ length: 30 }, (_, index) => ({
      label: `Kaupunginteatterin suuri näyttämö ja konserttitalon sali ${index + 1}`,
      cards: index === 3 ? { hidden: 'small' as const } : (index + 1) * 10,
    }))
    const chart = chartOf(table(venues, bar), 'sv')!
    assert.isTrue(chart.horizontal)
    assert.lengthOf(chart.categories, 30)
    assert.lengthOf(chart.bars, 29)
    assert.lengthOf(chart.values, 29)
    assert.deepEqual(
      chart.hiddenMarks.map((mark) => mark.row),
      [venues[3].label]
    )
    // Long labels are cut to the label area; the full text stays for a tooltip.
    assert.isTrue(chart.categories[0].text.endsWith('…'))
    assert.equal(chart.categories[0].full, venues[0].label)
    assert.isBelow(chart.categories[0].text.length, venues[0].label.length)
    // Bars grow from the zero line to the right and stay inside the plot.
    const longest = chart.bars.at(-1)!
    assert.equal(longest.x, chart.baseline.x1)
    assert.isAtMost(longest.x + longest.width, chart.plot.x + chart.plot.width + 0.1)
    assert.isBelow(chart.bars[0].y, chart.bars[1].y)
    assert.isAbove(chart.height, 30 * 14)
    assert.equal(chart.values.at(-1)!.text, '300')

    // Large numbers along a narrow axis get fewer ticks, so their labels keep apart.
    const big = chartOf(
      table(
        venues.map((venue, index) => ({ ...venue, cards: 150000 - index * 3001 })),
        bar
      ),
      'fi'
    )!
    const spacing = big.ticks[1].label.x - big.ticks[0].label.x
    assert.isAtLeast(spacing, `150${NBSP}000`.length * 12 * 0.6 + 12)
    assert.isAtMost(big.ticks.length, 6)

    // Twelve short labels stay upright; a long label turns even a few bars.
    assert.isFalse(chartOf(table(months, bar))!.horizontal)
    assert.isTrue(
      chartOf(
        table(
          [
            { label: 'Tampereen aikuissosiaalityö', cards: 40 },
            { label: 'Oulun perhekeskus', cards: 12 },
            { label: 'Turun sosiaalitoimi', cards: 20 },
            { label: 'Porin sosiaalipalvelut', cards: 8 },
            { label: 'Lahden aikuissosiaalityö', cards: 31 },
            { label: 'Jyväskylän perhepalvelut', cards: 16 },
            { label: 'Kuopion sosiaalityö', cards: 9 },
            { label: 'Vaasan sosiaalitoimi', cards: 14 },
          ],
          bar
        )
      )!.horizontal
    )
  })

  test('percent and decimal axes step by fractions when they must', ({ assert }) => {
    const columns: StatColumn[] = [
      { key: 'label', label: 'Vuosi', kind: 'label' },
      { key: 'share', label: 'Osuus', kind: 'percent' },
    ]
    const chart = chartOf(
      table(
        [
          { label: '2025', share: 0.4 },
          { label: '2026', share: 0.9 },
        ],
        { kind: 'bar', labelColumn: 'label', series: ['share'] },
        columns
      ),
      'fi'
    )!
    assert.deepEqual(
      chart.ticks.map((tick) => tick.value),
      [0, 0.2, 0.4, 0.6, 0.8, 1]
    )
    assert.equal(chart.ticks[1].label.text, `0,2${NBSP}%`)
    assert.equal(chart.bars[1].text, `0,9${NBSP}%`)
  })

  test('numbers are written as the page language writes them', ({ assert }) => {
    assert.equal(formatStat(1234567, 'count', 'fi'), `1${NBSP}234${NBSP}567`)
    assert.equal(formatStat(1234567, 'count', 'sv'), `1${NBSP}234${NBSP}567`)
    assert.equal(formatStat(1234567, 'count', 'en'), '1,234,567')
    assert.equal(formatStat(12.25, 'percent', 'fi'), `12,3${NBSP}%`)
    assert.equal(formatStat(12.5, 'percent', 'en'), '12.5%')
    assert.equal(formatStat(3, 'decimal', 'sv'), '3,0')
    assert.equal(formatStat(2026, 'label', 'fi'), '2026')
    assert.equal(formatStat(1500, 'count', 'xx'), `1${NBSP}500`)
  })
})
