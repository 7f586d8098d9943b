import type { HttpContext } from '@adonisjs/core/http'

/** What a request without a route (a static file, or one refused before routing) is logged as. */
export const NO_ROUTE = '(no route)'

/**
 * The access-log entry of one request. The route's pattern stands in for
 * the URL, so card codes, tokens and query strings never reach the log;
 * no body, cookie or header is read. The request id comes from `ctx.logger`.
 */
export function accessLogEntry(ctx: HttpContext, durationMs: number) {
  return {
    method: ctx.request.method(),
    route: ctx.route?.pattern ?? NO_ROUTE,
    status: ctx.response.getStatus(),
    durationMs: Math.round(durationMs * 10) / 10,
  }
}
