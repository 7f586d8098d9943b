import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import PostService from '#bulletin/services/post_service'
import { readerOf, unreadCount, unreadPosts } from '#bulletin/services/readers'

/** The unread count (htmx refreshes the header with it) and "mark all read". */
@inject()
export default class ReadingController {
  constructor(protected posts: PostService) {}

  async unreadCount({ auth, view }: HttpContext) {
    const count = await unreadCount(await readerOf(auth.use('staff').getUserOrFail()))
    return view.render('partials/bulletin_unread', { bulletinUnread: count })
  }

  async markAllRead({ auth, response, session, i18n }: HttpContext) {
    const reader = await readerOf(auth.use('staff').getUserOrFail())
    await this.posts.markAllRead(await unreadPosts(reader), reader)
    session.flash('success', i18n.t('bulletin.all_read_flash'))
    return response.redirect().toRoute('posts.index')
  }
}
