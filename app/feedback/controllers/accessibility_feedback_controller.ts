import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { feedbackValidator } from '#feedback/validators/feedback'
import { sendFeedback } from '#feedback/services/accessibility_feedback'
import { unlessRefused } from '#core/services/field_error'
import { formatDate } from '#core/services/formatting'
import feedbackConfig from '#config/feedback'

/** The accessibility feedback form, for anyone, without signing in. */
export default class AccessibilityFeedbackController {
  async create({ view }: HttpContext) {
    return view.render('pages/feedback/form', {
      submissionKey: randomUUID(),
      maxMessageLength: feedbackConfig.maxMessageLength,
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, session, i18n } = ctx
    const input = await request.validateUsing(feedbackValidator)
    const feedback = await unlessRefused(ctx, urlFor('accessibility_feedback.create'), () =>
      sendFeedback(input, i18n.locale, request.ip())
    )
    if (!feedback) return
    session.flash(
      'success',
      i18n.t('feedback.thanks', {
        replyDays: feedbackConfig.replyWithinDays,
        due: formatDate(feedback.replyDueOn, i18n.locale),
      })
    )
    return response.redirect().toRoute('accessibility_feedback.create')
  }
}
