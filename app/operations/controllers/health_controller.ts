import type { HttpContext } from '@adonisjs/core/http'
import { readiness } from '#operations/services/readiness'

export default class HealthController {
  /** The process answers; nothing else is looked at. */
  live({ response }: HttpContext) {
    return response.ok({ status: 'ok' })
  }

  async ready({ response }: HttpContext) {
    const report = await readiness()
    return response.status(report.healthy ? 200 : 503).json(report)
  }
}
