import type { HttpContext } from '@adonisjs/core/http'
import { feedbackList, markAnswered } from '#feedback/services/accessibility_feedback'
import { showContactPhone } from '#registry/services/contact_phone'

/** The national centre's list of accessibility feedback, with the day each reply is due. */
export default class AdminFeedbackController {
  async index({ view }: HttpContext) {
    return view.render('pages/feedback/admin_index', {
      ...(await feedbackList()),
      showContactPhone,
    })
  }

  async answer({ params, response, session, i18n }: HttpContext) {
    await markAnswered(params.id)
    session.flash('success', i18n.t('feedback.admin.marked_answered'))
    return response.redirect().toRoute('admin_feedback.index')
  }
}
