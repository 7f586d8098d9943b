import { DateTime, Settings } from 'luxon'

/** Times are stored in UTC and shown, and dates decided, in Finnish time. */
export const ZONE = 'Europe/Helsinki'

/** The day `today()` last computed: its midnight, and its start and end in epoch milliseconds. */
let day: { value: DateTime; from: number; until: number } = {
  value: DateTime.now(),
  from: 0,
  until: 0,
}

/**
 * The Finnish calendar day, at its midnight. Remembered until the day ends:
 * the zone's offset costs luxon an Intl.DateTimeFormat call, and a box office
 * registration asks for today several times (DateTime is immutable, so one
 * value serves all).
 */
export function today(): DateTime {
  const now = Settings.now()
  if (now < day.from || now >= day.until) {
    const value = DateTime.fromMillis(now, { zone: ZONE }).startOf('day')
    day = { value, from: value.toMillis(), until: value.plus({ days: 1 }).toMillis() }
  }
  return day.value
}

/** Finnish days by the UTC hour a moment falls in (a bounded memo). */
const daysByHour = new Map<number, DateTime>()
const HOUR_MS = 3_600_000

/**
 * The Finnish calendar day a moment falls in, at its midnight: what
 * `moment.setZone(ZONE).startOf('day')` gives, without luxon's time-zone
 * work for each moment (an Intl call, the box office's dearest line). Finland's
 * offset is whole hours, so every moment of a UTC hour lies in the same day.
 */
export function finnishDayOf(moment: DateTime): DateTime {
  const hour = Math.floor(moment.toMillis() / HOUR_MS)
  let found = daysByHour.get(hour)
  if (!found) {
    if (daysByHour.size >= 10_000) daysByHour.clear()
    found = DateTime.fromMillis(hour * HOUR_MS, { zone: ZONE }).startOf('day')
    daysByHour.set(hour, found)
  }
  return found
}

/** Parses a yyyy-MM-dd form value as a Finnish calendar date. */
export function parseDate(value: string): DateTime {
  return DateTime.fromISO(value, { zone: ZONE }).startOf('day')
}

/**
 * The calendar day a form's date field holds, as a Finnish date (VineJS
 * parses yyyy-MM-dd to the server's local midnight, so the local parts are the day).
 */
export function formDay(date: Date): DateTime {
  return DateTime.fromObject(
    { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() },
    { zone: ZONE }
  )
}

/** The form both engines store timestamps in, for hand-written conditions. */
export function toSqlDateTime(value: DateTime): string {
  return value.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
}

/*
| A date or timestamp read with the query builder (no model) arrives as a
| string from SQLite and as a Date from MySQL (read in UTC, config/database).
*/

/** A DATE column's value as yyyy-MM-dd, from either engine. */
export function isoDateFromRow(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' }).toISODate()
  return String(value).slice(0, 10)
}

/** A TIMESTAMP column's value (stored in UTC) as a DateTime, from either engine. */
export function momentFromRow(value: unknown): DateTime | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' })
  return DateTime.fromSQL(String(value), { zone: 'utc' })
}
