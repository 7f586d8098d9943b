import type { Run } from './plan.js'
import { Random, STREAM, seedOf } from './random.js'

/** How many uses each card has: the requested total over the used cards, long-tailed. */
export function allotUses(run: Run, cards: { intensity: Float32Array; uses: Uint32Array }) {
  const target = run.uses
  const used: number[] = []
  cards.intensity.forEach((value, index) => {
    if (value > 0) used.push(index)
  })
  if (!used.length || !target) return
  const min = target >= used.length ? 1 : 0
  const max = Math.max(250, Math.ceil((3 * target) / used.length))
  const sumAt = (scale: number) => {
    let sum = 0
    for (const index of used) {
      sum += Math.min(max, Math.max(min, Math.round(scale * cards.intensity[index])))
    }
    return sum
  }
  let low = 0
  let high = 1
  while (sumAt(high) < target && high < 1e12) high *= 2
  for (let step = 0; step < 60; step++) {
    const middle = (low + high) / 2
    if (sumAt(middle) < target) low = middle
    else high = middle
  }
  let sum = 0
  for (const index of used) {
    cards.uses[index] = Math.min(max, Math.max(min, Math.round(high * cards.intensity[index])))
    sum += cards.uses[index]
  }
  // The rounding's difference, a use at a time on cards picked at random.
  const random = new Random(seedOf(run.seed, STREAM.count))
  for (let guard = 0; sum !== target && guard < 10 * used.length; guard++) {
    const index = used[random.int(used.length)]
    if (sum > target && cards.uses[index] > Math.max(min, 1)) {
      cards.uses[index]--
      sum--
    } else if (sum < target && cards.uses[index] < max) {
      cards.uses[index]++
      sum++
    }
  }
}
