import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Survey from '#surveys/models/survey'
import SurveyPolicy from '#surveys/policies/survey_policy'
import { questionValidator } from '#surveys/validators/survey'
import { addQuestion, removeQuestion } from '#surveys/services/survey_editor'
import { unlessRefused } from '#core/services/field_error'

/** Adding and removing questions while the survey is a draft. */
export default class SurveyQuestionsController {
  async store(ctx: HttpContext) {
    const { params, bouncer, request, response } = ctx
    const survey = await Survey.findOrFail(params.id)
    await bouncer.with(SurveyPolicy).authorize('manage', survey)
    const input = await request.validateUsing(questionValidator)
    const added = await unlessRefused(
      ctx,
      `${urlFor('surveys.show', { id: survey.id })}#add-question`,
      () => addQuestion(survey, input)
    )
    if (!added) return
    return response.redirect().toPath(`${urlFor('surveys.show', { id: survey.id })}#add-question`)
  }

  async destroy(ctx: HttpContext) {
    const { params, bouncer, response } = ctx
    const survey = await Survey.findOrFail(params.id)
    await bouncer.with(SurveyPolicy).authorize('manage', survey)
    const removed = await unlessRefused(
      ctx,
      urlFor('surveys.show', { id: survey.id }),
      async () => {
        await removeQuestion(survey, Number(params.question))
        return true
      }
    )
    if (!removed) return
    return response.redirect().toRoute('surveys.show', { id: survey.id })
  }
}
