import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import vine from '@vinejs/vine'
import { deadLetters, deliveryReport, REPORT_COLUMNS } from '#messaging/services/delivery_report'
import { jobStatuses } from '#messaging/services/job_runner'
import { retryDead } from '#messaging/services/outbox'
import { activePauses } from '#messaging/services/channel_pauses'

const retryValidator = vine.compile(
  vine.object({ ids: vine.array(vine.number().withoutDecimals().positive()).minLength(1) })
)

/** The admin's view of messages to cardholders: the jobs, deliveries per day, and the dead letters. */
export default class DeliveriesController {
  async index({ view }: HttpContext) {
    return view.render('pages/messaging/deliveries', {
      pauses: await activePauses(),
      jobs: await jobStatuses(),
      report: await deliveryReport(),
      columns: REPORT_COLUMNS,
    })
  }

  async deadLetters({ request, view }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const letters = await deadLetters(page)
    letters.baseUrl(urlFor('deliveries.dead_letters'))
    return view.render('pages/messaging/dead_letters', { letters })
  }

  async retry({ request, response, session, i18n }: HttpContext) {
    const { ids } = await request.validateUsing(retryValidator)
    const count = await retryDead(ids)
    session.flash('success', i18n.t('messaging.retried_flash', { count }))
    return response.redirect().toRoute('deliveries.dead_letters')
  }
}
