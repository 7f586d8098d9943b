import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import Survey from '#surveys/models/survey'
import SurveyPolicy from '#surveys/policies/survey_policy'
import { closeSurvey, openSurvey } from '#surveys/services/survey_editor'
import { MANUAL_PAUSE, remindPartners } from '#surveys/services/partner_reminders'
import { unlessRefused } from '#core/services/field_error'

/** Opening a draft for answers, closing it early, and reminding partners by hand. */
export default class SurveyStateController {
  async open(ctx: HttpContext) {
    return this.#change(ctx, 'surveys.edit.opened', (survey) => openSurvey(survey))
  }

  async close(ctx: HttpContext) {
    return this.#change(ctx, 'surveys.edit.closed', (survey) => closeSurvey(survey))
  }

  async remind(ctx: HttpContext) {
    const now = DateTime.utc()
    let reminded = 0
    return this.#change(
      ctx,
      () => ctx.i18n.t('surveys.edit.reminded', { count: reminded }),
      async (survey) => {
        reminded = await remindPartners(survey, now, now.minus(MANUAL_PAUSE))
      }
    )
  }

  async #change(
    ctx: HttpContext,
    done: string | (() => string),
    action: (survey: Survey) => Promise<void>
  ) {
    const { params, bouncer, response, session, i18n } = ctx
    const survey = await Survey.findOrFail(params.id)
    await bouncer.with(SurveyPolicy).authorize('manage', survey)
    const changed = await unlessRefused(ctx, `/surveys/${survey.id}`, async () => {
      await action(survey)
      return true
    })
    if (!changed) return
    session.flash('success', typeof done === 'string' ? i18n.t(done) : done())
    return response.redirect(`/surveys/${survey.id}`)
  }
}
