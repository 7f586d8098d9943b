import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { unreadInboxCount } from '#usage/services/venue_usage'

/** Venue staff see the number of unseen cancellations in the menu on every page. */
export default class VenueInboxMiddleware {
  async handle({ auth, view, request }: HttpContext, next: NextFn) {
    const user = auth.use('staff').user
    const showsMenu = request.method() === 'GET' && !request.header('hx-request')
    if (showsMenu && user?.role === 'venue' && user.organisationId !== null) {
      view.share({ inboxUnread: await unreadInboxCount(user.organisationId) })
    }
    return next()
  }
}
