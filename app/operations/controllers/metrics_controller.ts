import type { HttpContext } from '@adonisjs/core/http'
import { metricsText } from '#operations/services/metrics'
import { mayReadMetrics } from '#operations/services/metrics_token'

export default class MetricsController {
  /** Not found, rather than forbidden, without the token: the endpoint is not advertised. */
  async show({ request, response }: HttpContext) {
    if (!mayReadMetrics(request.header('authorization'))) return response.notFound()
    const { contentType, body } = await metricsText()
    return response.header('content-type', contentType).send(body)
  }
}
