import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * For what the browser fetches on its own (the service worker's update check,
 * the web-app manifest, a script): such a request may land between a refused
 * form's redirect and the page it leads to, and must not use up the messages
 * flashed for that page.
 */
export default class KeepFlashMiddleware {
  async handle({ session }: HttpContext, next: NextFn) {
    session.reflash()
    return next()
  }
}
