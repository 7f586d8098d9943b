import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Sends an already signed-in user from the sign-in pages to their home page. */
export default class GuestMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.auth.isAuthenticated) {
      return ctx.response.redirect().toRoute('home.show')
    }
    return next()
  }
}
