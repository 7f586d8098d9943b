import { DateTime } from 'luxon'

/** Times are stored in UTC and shown, and dates decided, in Finnish time. */
export const ZONE = 'Europe/Helsinki'

export function today(): DateTime {
  return DateTime.now().setZone(ZONE).startOf('day')
}

/** Parses a yyyy-MM-dd form value as a Finnish calendar date. */
export function parseDate(value: string): DateTime {
  return DateTime.fromISO(value, { zone: ZONE }).startOf('day')
}

/** The form both engines store timestamps in, for hand-written conditions. */
export function toSqlDateTime(value: DateTime): string {
  return value.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
}
