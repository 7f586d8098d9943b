import { policies } from '#start/policies'
import { Bouncer } from '@adonisjs/bouncer'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'

/** Staff signed in to the registry: the only users bouncer policies are about. */
type StaffUser = NonNullable<ReturnType<Authenticators['staff']>['user']>

/** Gives each request a bouncer for the signed-in staff user, also in Edge templates. */
export default class InitializeBouncerMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    ctx.bouncer = new Bouncer(
      () => ctx.auth.use('staff').user || null,
      {},
      policies
    ).setContainerResolver(ctx.containerResolver)

    if ('view' in ctx) {
      ctx.view.share(ctx.bouncer.edgeHelpers)
    }
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    bouncer: Bouncer<StaffUser, {}, typeof policies>
  }
}
