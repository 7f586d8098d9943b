import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { readerOf, unreadCount } from '#bulletin/services/readers'

/** Every page shows a signed-in user's unread bulletin count in the menu, also without JavaScript. */
export default class BulletinUnreadMiddleware {
  async handle({ auth, view, request }: HttpContext, next: NextFn) {
    const user = auth.use('staff').user
    // Only pages show the menu: a form post answers with a redirect, an htmx request with a fragment.
    if (user && request.method() === 'GET' && !request.header('hx-request')) {
      view.share({ bulletinUnread: await unreadCount(await readerOf(user)) })
    }
    return next()
  }
}
