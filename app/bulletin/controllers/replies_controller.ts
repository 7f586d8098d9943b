import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import PostService from '#bulletin/services/post_service'
import { findVisible, readerOf } from '#bulletin/services/readers'
import { replyValidator } from '#bulletin/validators/post'

/** A reply in a post's thread, by anyone who may read the post. */
@inject()
export default class RepliesController {
  constructor(protected posts: PostService) {}

  async store({ params, auth, request, response, session, i18n }: HttpContext) {
    const user = auth.use('staff').getUserOrFail()
    const post = await findVisible(await readerOf(user), params.id)
    const { message, submissionKey } = await request.validateUsing(replyValidator)
    await this.posts.reply(post, message, submissionKey, user)
    session.flash('success', i18n.t('bulletin.replied_flash'))
    return response.redirect().toPath(`${urlFor('posts.show', { id: post.id })}#replies`)
  }
}
