import { DateTime } from 'luxon'
import { ZONE } from '#core/services/time'

/*
| Days and timestamps: a day is a whole number (days since 1970-01-01, a
| Finnish calendar day); a moment is seconds since the epoch in UTC, the way
| the app stores it.
*/
export const DAY = 86_400
export const DAY_MS = DAY * 1000

export const dayOf = (year: number, month: number, date: number) =>
  Date.UTC(year, month - 1, date) / DAY_MS

export class Calendar {
  readonly first: number
  readonly #texts: string[] = []
  readonly #offsets: Int32Array
  readonly #clock: string[] = []
  readonly year: Int16Array
  readonly month: Int8Array
  readonly weekday: Int8Array

  constructor(first: number, last: number) {
    this.first = first
    const count = last - first + 1
    this.#offsets = new Int32Array(count)
    this.year = new Int16Array(count)
    this.month = new Int8Array(count)
    this.weekday = new Int8Array(count)
    for (let index = 0; index < count; index++) {
      const date = new Date((first + index) * DAY_MS)
      this.#texts.push(date.toISOString().slice(0, 10))
      this.year[index] = date.getUTCFullYear()
      this.month[index] = date.getUTCMonth() + 1
      this.weekday[index] = ((date.getUTCDay() + 6) % 7) + 1
      this.#offsets[index] = DateTime.fromObject(
        { year: this.year[index], month: this.month[index], day: date.getUTCDate(), hour: 12 },
        { zone: ZONE }
      ).offset
    }
    const two = (n: number) => String(n).padStart(2, '0')
    for (let second = 0; second < DAY; second++) {
      this.#clock.push(
        `${two(Math.floor(second / 3600))}:${two(Math.floor(second / 60) % 60)}:${two(second % 60)}`
      )
    }
  }

  /** yyyy-MM-dd */
  text(day: number) {
    return this.#texts[day - this.first]
  }

  yearOf(day: number) {
    return this.year[day - this.first]
  }

  monthOf(day: number) {
    return this.month[day - this.first]
  }

  /** 1 = Monday … 7 = Sunday */
  weekdayOf(day: number) {
    return this.weekday[day - this.first]
  }

  /** The moment of a Finnish wall-clock time on a day. */
  moment(day: number, localSeconds: number) {
    return day * DAY + localSeconds - this.#offsets[day - this.first] * 60
  }

  /** A moment as the app's timestamp text (UTC). */
  stamp(moment: number) {
    const day = Math.floor(moment / DAY)
    return `${this.#texts[day - this.first]} ${this.#clock[moment - day * DAY]}`
  }
}

/** The same calendar date a year later (29 February → 28 February), like luxon's plus({ years: 1 }). */
export function yearLater(day: number) {
  const date = new Date(day * DAY_MS)
  const month = date.getUTCMonth() + 1
  const next = date.getUTCDate() === 29 && month === 2 ? 28 : date.getUTCDate()
  return dayOf(date.getUTCFullYear() + 1, month, next)
}

/** The first index in a sorted list of days that is not before `target`. */
export function lowerBound(values: Int32Array, target: number) {
  let low = 0
  let high = values.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (values[middle] < target) low = middle + 1
    else high = middle
  }
  return low
}
