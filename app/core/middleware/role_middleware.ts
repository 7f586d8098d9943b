import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Role } from '#core/roles'

/**
 * Coarse gate by role for a whole route group; finer scope checks (own
 * area, own organisation) live in the bouncer policies. A user without the
 * role gets a 404, so the URL tells them nothing.
 */
export default class RoleMiddleware {
  async handle(ctx: HttpContext, next: NextFn, roles: Role[]) {
    const user = ctx.auth.use('staff').getUserOrFail()
    if (!roles.includes(user.role)) {
      return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    }
    return next()
  }
}
