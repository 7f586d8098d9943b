import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import PostService from '#bulletin/services/post_service'
import { withdrawValidator } from '#bulletin/validators/post'

/** The author withdraws a post, after confirming: it disappears for everyone. */
@inject()
export default class PostWithdrawalsController {
  constructor(protected posts: PostService) {}

  async edit({ params, auth, view }: HttpContext) {
    const post = await this.posts.findOwn(auth.use('staff').getUserOrFail(), params.id)
    return view.render('pages/bulletin/withdraw', { post })
  }

  async update({ params, auth, request, response, session, i18n }: HttpContext) {
    const post = await this.posts.findOwn(auth.use('staff').getUserOrFail(), params.id)
    await request.validateUsing(withdrawValidator)
    await this.posts.withdraw(post)
    session.flash('success', i18n.t('bulletin.withdrawn_flash'))
    return response.redirect().toRoute('posts.index')
  }
}
