import { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'

/**
 * The logger of the request being served (its lines carry the request id),
 * or the app's logger outside a request (jobs, commands). Services use it
 * so that a line they write during a request can be traced to that request.
 */
export function currentLogger() {
  return HttpContext.get()?.logger ?? logger
}
