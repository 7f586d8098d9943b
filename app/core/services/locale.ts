import { LOCALES, type Locale } from '#config/i18n'

export const LOCALE_COOKIE = 'kaikukanta-locale'

/** The supported language for a stored choice; Finnish when none or unknown. */
export function pickLocale(value: unknown): Locale {
  return LOCALES.find((locale) => locale === value) ?? 'fi'
}
