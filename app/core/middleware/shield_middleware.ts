import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'

let shield: Promise<ShieldMiddleware> | undefined

/**
 * @adonisjs/shield's middleware, made once. Its provider binds a factory, so
 * the container built a new one for every request: the CSRF, CSP, frame,
 * HSTS and sniffing guards from the config again, after importing Edge again
 * (a profile of the box office showed it). The guards keep no request state.
 */
export default class OneShieldMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    shield ??= app.container.make(ShieldMiddleware)
    const middleware = await shield
    return middleware.handle(ctx, next)
  }
}
