import type { HttpContext } from '@adonisjs/core/http'
import { feedbackSummaries } from '#usage/services/use_feedback'
import { describeTargets } from '#offers/services/registration_targets'

/** Cardholders' feedback on the venue's offers: averages only, over enough answers. */
export default class FeedbackSummariesController {
  async index({ auth, view }: HttpContext) {
    const summaries = await feedbackSummaries(auth.use('staff').getUserOrFail().organisationId!)
    const { titles } = await describeTargets(
      summaries.map((summary) => ({ offerId: summary.offerId, occurrenceId: null }))
    )
    return view.render('pages/usage/feedback', {
      summaries: summaries.sort((a, b) =>
        (titles.get(a.offerId) ?? '').localeCompare(titles.get(b.offerId) ?? '')
      ),
      titles,
    })
  }
}
