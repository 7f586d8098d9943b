import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { urlFor } from '@adonisjs/core/services/url_builder'

/**
 * Requires a signed-in staff user. Remembers where the user was going, so
 * that after signing in (also after an expired session) they land there.
 */
export default class AuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.auth.isAuthenticated) {
      if (ctx.request.method() === 'GET' && !ctx.request.header('hx-request')) {
        ctx.session.put('intendedUrl', ctx.request.url(true))
      }
      if (ctx.request.header('hx-request')) {
        ctx.response.header('HX-Redirect', urlFor('session.create'))
        return ctx.response.status(401).send('')
      }
      return ctx.response.redirect().toRoute('session.create')
    }
    return next()
  }
}
