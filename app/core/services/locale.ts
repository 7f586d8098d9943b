import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import { LOCALES, type Locale } from '#config/i18n'
import { dateFormatsIn } from '#core/services/formatting'

export const LOCALE_COOKIE = 'kaikukanta-locale'

/** The supported language for a stored choice; Finnish when none or unknown. */
export function pickLocale(value: unknown): Locale {
  return LOCALES.find((locale) => locale === value) ?? 'fi'
}

/** Renders this request in a language: messages, validation, templates, dates and times. */
export function useLocale(ctx: HttpContext, locale: Locale) {
  ctx.i18n = i18nManager.locale(locale)
  ctx.containerResolver.bindValue(I18n, ctx.i18n)
  if ('view' in ctx) {
    ctx.view.share({ i18n: ctx.i18n, locale, ...dateFormatsIn(locale) })
  }
}

/** Remembers a language for a year, without signing in. */
export function rememberLocale(response: HttpContext['response'], locale: Locale) {
  response.plainCookie(LOCALE_COOKIE, locale, { maxAge: '1y', httpOnly: true, sameSite: 'lax' })
}

/**
 * A person's own language (a cardholder's, from their account) for a visitor
 * who has not chosen one on this device; a choice made here wins.
 */
export function adoptLocale(ctx: HttpContext, locale: Locale) {
  if (ctx.request.plainCookie(LOCALE_COOKIE)) return
  useLocale(ctx, locale)
  rememberLocale(ctx.response, locale)
}
