import type { HttpContext } from '@adonisjs/core/http'
import { publicTotals } from '#stats/services/public_totals'
import { lastRefresh } from '#stats/services/summary_refresh'

/** The national page of totals, for anyone. */
export default class PublicStatisticsController {
  async show({ view, i18n }: HttpContext) {
    const [totals, refreshedAt] = await Promise.all([publicTotals(i18n.locale), lastRefresh()])
    return view.render('pages/stats/public', { totals, refreshedAt })
  }
}
