import type { HttpContext } from '@adonisjs/core/http'
import { LOCALE_COOKIE, pickLocale } from '#core/services/locale'

/** Switches the page language and remembers it for a year. */
export default class LanguageController {
  async update({ request, response }: HttpContext) {
    const locale = pickLocale(request.input('locale'))
    response.plainCookie(LOCALE_COOKIE, locale, { maxAge: '1y', httpOnly: true, sameSite: 'lax' })
    const returnTo = String(request.input('returnTo') ?? '/')
    return response.redirect(
      returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/'
    )
  }
}
