import type { NextFn } from '@adonisjs/core/types/http'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'
import { LOCALE_COOKIE, pickLocale, useLocale } from '#core/services/locale'

/**
 * Picks the page language: the language the user chose (a cookie, so it is
 * remembered without signing in), otherwise Finnish. Validation messages
 * follow the same language.
 */
export default class DetectUserLocaleMiddleware {
  static {
    RequestValidator.messagesProvider = (ctx) => ctx.i18n.createMessagesProvider()
  }

  async handle(ctx: HttpContext, next: NextFn) {
    useLocale(ctx, pickLocale(ctx.request.plainCookie(LOCALE_COOKIE)))
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: import('@adonisjs/i18n').I18n
  }
}
