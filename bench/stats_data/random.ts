/*
| Deterministic randomness: mulberry32, reseeded per card, per use and per
| offer from the run's seed, so that each thing's values do not depend on the
| order of generation.
*/
export class Random {
  state = 0

  constructor(seed = 0) {
    this.state = seed >>> 0
  }

  reseed(seed: number) {
    this.state = seed >>> 0
    return this
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }

  int(n: number) {
    return Math.floor(this.next() * n)
  }

  between(min: number, max: number) {
    return min + this.int(max - min + 1)
  }

  chance(p: number) {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }

  normal(mean: number, sd: number) {
    const u = 1 - this.next()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }
}

/** A 32-bit hash of the run's seed and a few numbers (murmur3's finaliser over FNV). */
export function seedOf(seed: number, stream: number, a = 0, b = 0) {
  let h = 0x811c9dc5 ^ seed
  h = Math.imul(h ^ stream, 0x01000193)
  h = Math.imul(h ^ a, 0x01000193)
  h = Math.imul(h ^ b, 0x01000193)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

export const STREAM = { place: 1, card: 2, dates: 3, use: 4, offer: 5, count: 6 } as const

/** Picks by weight (binary search over the running total). */
export class Weighted<T> {
  readonly values: T[]
  readonly #cumulative: Float64Array

  constructor(entries: Array<[T, number]>) {
    this.values = entries.map(([value]) => value)
    this.#cumulative = new Float64Array(entries.length)
    let total = 0
    entries.forEach(([, weight], index) => {
      total += Math.max(weight, 0)
      this.#cumulative[index] = total
    })
  }

  get total() {
    return this.#cumulative.length ? this.#cumulative[this.#cumulative.length - 1] : 0
  }

  pick(random: Random): T {
    const target = random.next() * this.total
    let low = 0
    let high = this.#cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (this.#cumulative[middle] > target) high = middle
      else low = middle + 1
    }
    return this.values[low]
  }
}
