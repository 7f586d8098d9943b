import type { ColumnKind } from '#stats/services/stat_table'

const NUMBER_LOCALES: Record<string, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }

/**
 * A value as the page's language writes it: 1 234 (fi, sv, with a no-break
 * space) or 1,234 (en); a percent (0–100) with one decimal, "12,5 %" or
 * "12.5%"; a decimal with one decimal. `decimals` overrides the kind's
 * (axis ticks use as many as their step needs).
 */
export function formatStat(value: number, kind: ColumnKind, locale = 'fi', decimals?: number) {
  // A number naming a row (a year) is written as it is.
  if (kind === 'label') return String(value)
  const digits = decimals ?? (kind === 'count' ? 0 : 1)
  const text = new Intl.NumberFormat(NUMBER_LOCALES[locale] ?? 'fi-FI', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value)
  if (kind !== 'percent') return text
  return locale === 'en' ? `${text}%` : `${text}\u00a0%`
}
