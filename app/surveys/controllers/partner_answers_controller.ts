import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import {
  answerForOrganisation,
  partnerSurveyForOrFail,
  partnerSurveysFor,
  questionsOf,
  MAX_TEXT,
} from '#surveys/services/survey_answering'
import { unlessAnswersRefused } from '#surveys/services/answer_refusal'

/** Partner surveys to the staff member's organisation: the list, and answering once for it. */
export default class PartnerAnswersController {
  async index({ auth, view }: HttpContext) {
    return view.render('pages/surveys/partner_index', {
      surveys: await partnerSurveysFor(auth.use('staff').getUserOrFail()),
      now: DateTime.utc(),
    })
  }

  async show({ auth, params, view }: HttpContext) {
    const { survey, answeredOn } = await partnerSurveyForOrFail(
      auth.use('staff').getUserOrFail(),
      Number(params.id)
    )
    const state = survey.stateAt(DateTime.utc())
    return view.render('pages/surveys/answer', {
      survey,
      questions: state === 'open' && !answeredOn ? await questionsOf(survey) : [],
      surveyState: state,
      answeredOn,
      action: urlFor('partner_answers.store', { id: survey.id }),
      submissionKey: randomUUID(),
      maxText: MAX_TEXT,
      anonymous: false,
    })
  }

  async store(ctx: HttpContext) {
    const { auth, params, request, response, session, i18n } = ctx
    const staff = auth.use('staff').getUserOrFail()
    const { survey } = await partnerSurveyForOrFail(staff, Number(params.id))
    const back = urlFor('partner_answers.show', { id: survey.id })
    const saved = await unlessAnswersRefused(ctx, back, async () => {
      await answerForOrganisation(
        survey,
        staff,
        request.all(),
        String(request.input('submissionKey', ''))
      )
      return true
    })
    if (!saved) return
    session.flash('success', i18n.t('surveys.answer.partner_thanks'))
    return response.redirect().toRoute('partner_answers.index')
  }
}
