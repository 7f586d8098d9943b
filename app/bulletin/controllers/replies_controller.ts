import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import PostService from '#bulletin/services/post_service'
import { findVisible, readerOf } from '#bulletin/services/readers'
import { replyValidator } from '#bulletin/validators/post'
import { unlessRefused } from '#core/services/field_error'
import { pickLocale } from '#core/services/locale'

/** A reply in a post's thread, by anyone who may read the post: to all its readers, or privately. */
@inject()
export default class RepliesController {
  constructor(protected posts: PostService) {}

  async store(ctx: HttpContext) {
    const { params, auth, request, response, session, i18n } = ctx
    const user = auth.use('staff').getUserOrFail()
    const post = await findVisible(await readerOf(user), params.id)
    const input = await request.validateUsing(replyValidator)
    const thread = urlFor('posts.show', { id: post.id })
    const reply = await unlessRefused(ctx, `${thread}#reply-form`, () =>
      // A reply is taken to be in the language of the interface it was written in.
      this.posts.reply(post, { ...input, language: pickLocale(i18n.locale) }, user)
    )
    if (!reply) return
    session.flash(
      'success',
      i18n.t(reply.private ? 'bulletin.replied_privately_flash' : 'bulletin.replied_flash')
    )
    return response.redirect().toPath(`${thread}#reply-${reply.id}`)
  }
}
