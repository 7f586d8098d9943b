import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { isHolderPath } from '#core/middleware/session_middleware'
import { pickLocale, rememberLocale } from '#core/services/locale'
import { isLocalPath } from '#core/services/local_path'

/** Switches the page language and remembers it for a year. */
export default class LanguageController {
  async update({ request, response, auth }: HttpContext) {
    const locale = pickLocale(request.input('locale'))
    rememberLocale(response, locale)
    const returnTo = request.input('returnTo')
    const home = isHolderPath(request.url())
      ? urlFor('omakaiku.home')
      : urlFor(auth.isAuthenticated ? 'home.show' : 'front_door')
    return response.redirect(isLocalPath(returnTo) ? returnTo : home)
  }
}
