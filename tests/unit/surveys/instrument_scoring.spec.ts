import { test } from '@japa/runner'
import {
  INSTRUMENTS,
  LANGUAGES,
  OutOfScaleError,
  scalePoints,
  scoreOf,
} from '#surveys/services/instruments'

/*
| Worked examples of each instrument's scoring as its authors define it.
*/
test.group('Instrument scoring', () => {
  test('WHO-5: raw score is the sum 0–25, the percentage score the raw score × 4', ({ assert }) => {
    // The manual's example: "more than half of the time" (3) on every item → 15 → 60 %.
    assert.deepEqual(scoreOf(INSTRUMENTS.who5, [3, 3, 3, 3, 3]), { raw: 15, score: 60 })
    assert.deepEqual(scoreOf(INSTRUMENTS.who5, [5, 4, 3, 2, 1]), { raw: 15, score: 60 })
    assert.deepEqual(scoreOf(INSTRUMENTS.who5, [0, 0, 0, 0, 0]), { raw: 0, score: 0 })
    assert.deepEqual(scoreOf(INSTRUMENTS.who5, [5, 5, 5, 5, 5]), { raw: 25, score: 100 })
    assert.deepEqual(scoreOf(INSTRUMENTS.who5, [2, 3, 1, 2, 4]), { raw: 12, score: 48 })
  })

  test('participation indicator: answers 1 (fully agree) … 5 (fully disagree), score 0–100 with 100 the most participation', ({
    assert,
  }) => {
    assert.deepEqual(scoreOf(INSTRUMENTS.participation, Array(10).fill(1)), { raw: 10, score: 100 })
    assert.deepEqual(scoreOf(INSTRUMENTS.participation, Array(10).fill(5)), { raw: 50, score: 0 })
    assert.deepEqual(scoreOf(INSTRUMENTS.participation, Array(10).fill(3)), { raw: 30, score: 50 })
    // Two "fully agree", five "somewhat agree", three "neither": sum 2 + 10 + 9 = 21 → (50 − 21) × 2.5.
    assert.deepEqual(scoreOf(INSTRUMENTS.participation, [1, 1, 2, 2, 2, 2, 2, 3, 3, 3]), {
      raw: 21,
      score: 72.5,
    })
    assert.isFalse(INSTRUMENTS.participation.scale.higherIsBetter)
  })

  test('SWB and the impact statement: one answer 0–10, scored as given', ({ assert }) => {
    assert.deepEqual(scoreOf(INSTRUMENTS.swb, [0]), { raw: 0, score: 0 })
    assert.deepEqual(scoreOf(INSTRUMENTS.swb, [7]), { raw: 7, score: 7 })
    assert.deepEqual(scoreOf(INSTRUMENTS.impact, [10]), { raw: 10, score: 10 })
  })

  test('answers off the scale, missing or extra are refused', ({ assert }) => {
    assert.throws(() => scoreOf(INSTRUMENTS.who5, [3, 3, 3, 3, 6]), OutOfScaleError)
    assert.throws(() => scoreOf(INSTRUMENTS.who5, [3, 3, 3, 3, -1]), OutOfScaleError)
    assert.throws(() => scoreOf(INSTRUMENTS.who5, [3, 3, 3, 3]), OutOfScaleError)
    assert.throws(() => scoreOf(INSTRUMENTS.who5, [3, 3, 3, 3, 3, 3]), OutOfScaleError)
    assert.throws(() => scoreOf(INSTRUMENTS.who5, [3, 3, 3, 3, 2.5]), OutOfScaleError)
    assert.throws(() => scoreOf(INSTRUMENTS.participation, Array(10).fill(0)), OutOfScaleError)
    assert.throws(() => scoreOf(INSTRUMENTS.swb, [11]), OutOfScaleError)
  })

  test('every instrument has its wording in Finnish, Swedish and English, and labels on its scale', ({
    assert,
  }) => {
    for (const instrument of Object.values(INSTRUMENTS)) {
      for (const text of [instrument.name, ...instrument.items]) {
        for (const language of LANGUAGES) assert.isAbove(text[language].length, 3)
      }
      assert.properties(instrument.scale.labels, [
        String(instrument.scale.min),
        String(instrument.scale.max),
      ])
    }
    assert.lengthOf(INSTRUMENTS.who5.items, 5)
    assert.lengthOf(INSTRUMENTS.participation.items, 10)
    // WHO-5 is shown as on its sheet: "all of the time" first.
    assert.deepEqual(scalePoints(INSTRUMENTS.who5), [5, 4, 3, 2, 1, 0])
    assert.deepEqual(scalePoints(INSTRUMENTS.participation), [1, 2, 3, 4, 5])
  })
})
