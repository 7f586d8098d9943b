import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { inbox, markInboxSeen } from '#usage/services/venue_usage'
import { describeTargets } from '#offers/services/registration_targets'
import { keepFiltersInPageLinks } from '#core/services/pagination'

/** Cancellations from cardholders, so the venue can offer the seat to someone else. */
export default class InboxController {
  async index({ auth, request, view }: HttpContext) {
    const venueId = auth.use('staff').getUserOrFail().organisationId!
    const page = await inbox(venueId, Number(request.input('page', 1)) || 1)
    keepFiltersInPageLinks(page, urlFor('inbox.index'), request.qs())
    return view.render('pages/usage/inbox', { page, ...(await describeTargets(page.all())) })
  }

  async markSeen({ auth, response, session, i18n }: HttpContext) {
    await markInboxSeen(auth.use('staff').getUserOrFail().organisationId!)
    session.flash('success', i18n.t('usage.inbox_marked_flash'))
    return response.redirect().toRoute('inbox.index')
  }
}
