import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type User from '#registry/models/user'
import { mayStillWork } from '#registry/services/staff_standing'

/**
 * Finds out who is signed in, if anyone, so every page can show it. A user
 * deactivated since signing in, or whose organisation was, is signed out here.
 */
export default class SilentAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if ((await ctx.auth.check()) && !(await mayStillWork(ctx.auth.user as User))) {
      await ctx.auth.use('staff').logout()
    }
    return next()
  }
}
