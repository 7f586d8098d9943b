import type { HttpContext } from '@adonisjs/core/http'
import { pickLocale, rememberLocale } from '#core/services/locale'

/** Switches the page language and remembers it for a year. */
export default class LanguageController {
  async update({ request, response }: HttpContext) {
    const locale = pickLocale(request.input('locale'))
    rememberLocale(response, locale)
    const returnTo = String(request.input('returnTo') ?? '/')
    return response.redirect(
      returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/'
    )
  }
}
