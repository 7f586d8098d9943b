import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import User from '#registry/models/user'
import { mayStillWork } from '#registry/services/staff_standing'

/**
 * Signs out a staff user deactivated since signing in, or whose organisation
 * was, at their next request: an open session does not outlive either.
 */
export default class StaffStandingMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.user
    if (user instanceof User && !(await mayStillWork(user))) {
      await ctx.auth.use('staff').logout()
    }
    return next()
  }
}
