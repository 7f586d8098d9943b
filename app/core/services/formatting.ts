import { DateTime } from 'luxon'
import { ZONE } from '#core/services/time'

const DATE_LOCALES: Record<string, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }

/**
 * 23.11.2026 (fi), 23.11.2026 (sv), 23/11/2026 (en). Empty for no date. Takes
 * a DateTime or an ISO date ("2026-11-23", as in a data export).
 */
export function formatDate(value: DateTime | string | null | undefined, locale = 'fi'): string {
  if (!value) return ''
  return (typeof value === 'string' ? DateTime.fromISO(value, { zone: ZONE }) : value)
    .setZone(ZONE)
    .setLocale(DATE_LOCALES[locale] ?? 'fi-FI')
    .toLocaleString(DateTime.DATE_SHORT)
}

export function formatDateTime(value: DateTime | null | undefined, locale = 'fi'): string {
  if (!value) return ''
  return value
    .setZone(ZONE)
    .setLocale(DATE_LOCALES[locale] ?? 'fi-FI')
    .toLocaleString(DateTime.DATETIME_SHORT)
}
