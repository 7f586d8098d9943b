import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { accessLogEntry } from '#operations/services/access_log'
import { observeRequest } from '#operations/services/metrics'

/**
 * One info line per request (through the request's own logger, which adds
 * the request id) and the request's duration in the metrics. First of the
 * server middleware, so that it times and counts every request; an error
 * further in is already turned into a response when `next()` returns.
 */
export default class AccessLogMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const started = performance.now()
    await next()
    const entry = accessLogEntry(ctx, performance.now() - started)
    ctx.logger.info(entry, 'request')
    observeRequest(entry, entry.durationMs)
  }
}
