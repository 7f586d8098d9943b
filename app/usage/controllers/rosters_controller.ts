import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import OfferService from '#offers/services/offer_service'
import { rosterCsv, rosterOf } from '#usage/services/venue_usage'
import { waitingListOf } from '#usage/services/waiting_list_views'

/** Per occurrence: places taken and left, and the codes registered; exportable as CSV. */
@inject()
export default class RostersController {
  constructor(protected offers: OfferService) {}

  async show({ params, auth, view }: HttpContext) {
    const occurrence = await this.offers.findOwnOccurrence(
      auth.use('staff').getUserOrFail().organisationId!,
      params.id
    )
    return view.render('pages/usage/roster', {
      occurrence,
      ...(await rosterOf(occurrence)),
      waitingList: await waitingListOf(occurrence.id),
    })
  }

  async export({ params, auth, response, i18n }: HttpContext) {
    const occurrence = await this.offers.findOwnOccurrence(
      auth.use('staff').getUserOrFail().organisationId!,
      params.id
    )
    const { uses, bookers } = await rosterOf(occurrence)
    const headings = [
      'code',
      'places',
      'children',
      'group_size',
      'status',
      'registered_at',
      'booked_by',
    ].map((column) => i18n.t(`usage.csv.${column}`))
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header(
      'content-disposition',
      `attachment; filename="kaikukortti-${occurrence.startsAt.toFormat('yyyy-MM-dd-HHmm')}-${occurrence.id}.csv"`
    )
    return rosterCsv(
      uses,
      bookers,
      await waitingListOf(occurrence.id),
      headings,
      (status) => i18n.t(`usage.status.${status}`),
      (entry) =>
        i18n.t('usage.waiting.csv_status', {
          status: i18n.t(`usage.waiting.status.${entry.status}`),
          position: entry.position,
        })
    )
  }
}
