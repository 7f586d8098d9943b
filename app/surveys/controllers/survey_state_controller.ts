import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import Survey from '#surveys/models/survey'
import SurveyPolicy from '#surveys/policies/survey_policy'
import { closeSurvey, openSurvey } from '#surveys/services/survey_editor'
import { MANUAL_PAUSE, remindPartners } from '#surveys/services/partner_reminders'
import { unlessRefused } from '#core/services/field_error'

/** Opening a draft for answers, closing it early, and reminding partners by hand. */
export default class SurveyStateController {
  async open(ctx: HttpContext) {
    return this.#change(ctx, async (survey) => {
      await openSurvey(survey)
      return ctx.i18n.t('surveys.edit.opened')
    })
  }

  async close(ctx: HttpContext) {
    return this.#change(ctx, async (survey) => {
      await closeSurvey(survey)
      return ctx.i18n.t('surveys.edit.closed')
    })
  }

  async remind(ctx: HttpContext) {
    return this.#change(ctx, async (survey) => {
      const now = DateTime.utc()
      const reminded = await remindPartners(survey, now, now.minus(MANUAL_PAUSE))
      return ctx.i18n.t('surveys.edit.reminded', { count: reminded })
    })
  }

  /** Runs a change on the user's survey; it answers with the message to show when done. */
  async #change(ctx: HttpContext, action: (survey: Survey) => Promise<string>) {
    const { params, bouncer, response, session } = ctx
    const survey = await Survey.findOrFail(params.id)
    await bouncer.with(SurveyPolicy).authorize('manage', survey)
    const done = await unlessRefused(ctx, urlFor('surveys.show', { id: survey.id }), () =>
      action(survey)
    )
    if (done === undefined) return
    session.flash('success', done)
    return response.redirect().toRoute('surveys.show', { id: survey.id })
  }
}
