import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { unlessRefused } from '#core/services/field_error'
import { holderUseOrFail } from '#usage/services/holder_uses'
import { STARS, feedbackRefusal, giveFeedback } from '#usage/services/use_feedback'
import { feedbackValidator } from '#omakaiku/validators/holder_forms'

/** Stars for an event the holder attended, once. Venues see only averages over enough answers. */
export default class FeedbackController {
  async create({ auth, params, view }: HttpContext) {
    const use = await holderUseOrFail(auth.use('holder').getUserOrFail().cardCode, params.id)
    return view.render('pages/omakaiku/feedback', {
      use,
      refusal: feedbackRefusal(use),
      stars: Array.from({ length: STARS.max - STARS.min + 1 }, (_, index) => STARS.min + index),
    })
  }

  async store(ctx: HttpContext) {
    const { auth, params, request, response, session, i18n } = ctx
    const input = await request.validateUsing(feedbackValidator)
    const given = await unlessRefused(ctx, urlFor('feedback.create', { id: params.id }), () =>
      giveFeedback(auth.use('holder').getUserOrFail().cardCode, params.id, {
        accessibility: input.accessibility,
        meaning: input.meaning,
        interest: input.interest,
        meaningful: input.meaningful === 'yes',
      })
    )
    if (!given) return
    session.flash('success', i18n.t('omakaiku.feedback_thanks'))
    return response.redirect().toRoute('my_events.history')
  }
}
