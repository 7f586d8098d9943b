import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import Survey, { PARTNER_AUDIENCES } from '#surveys/models/survey'
import { QUESTION_KINDS } from '#surveys/models/survey_question'
import SurveyPolicy from '#surveys/policies/survey_policy'
import { surveyChangesValidator, surveyValidator } from '#surveys/validators/survey'
import { createSurvey, managedSurveys, updateSurvey } from '#surveys/services/survey_editor'
import { questionsOf } from '#surveys/services/survey_answering'
import { partnerStatus } from '#surveys/services/survey_results'
import { publicLinkOf, responseCounts } from '#surveys/services/survey_listing'
import { LANGUAGES } from '#surveys/services/instruments'
import { optionsOf } from '#core/services/choice_options'
import { unlessRefused } from '#core/services/field_error'
import { today } from '#core/services/time'
import { areaChoices } from '#registry/services/directory'

/** Admins' and area coordinators' surveys: the list, a new survey, and one survey's page. */
export default class SurveysController {
  async index({ auth, view }: HttpContext) {
    const surveys = await managedSurveys(auth.use('staff').getUserOrFail())
    return view.render('pages/surveys/index', {
      surveys,
      responses: await responseCounts(surveys.map((survey) => survey.id)),
      now: DateTime.utc(),
    })
  }

  async create({ auth, bouncer, view, i18n }: HttpContext) {
    await bouncer.with(SurveyPolicy).authorize('create')
    const member = auth.use('staff').getUserOrFail()
    const areas = member.role === 'admin' ? await areaChoices(i18n.locale) : null
    return view.render('pages/surveys/form', {
      submissionKey: randomUUID(),
      kindOptions: optionsOf(i18n, 'surveys.kind', ['anonymous', 'partner']),
      audienceOptions: optionsOf(i18n, 'surveys.audience', PARTNER_AUDIENCES),
      languageOptions: optionsOf(i18n, 'surveys.language', LANGUAGES),
      areaOptions: areas?.map((area) => ({ value: area.id, label: area.name })) ?? null,
      defaultClosesOn: today().plus({ weeks: 2 }).toISODate(),
    })
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response, session, i18n } = ctx
    await bouncer.with(SurveyPolicy).authorize('create')
    const input = await request.validateUsing(surveyValidator)
    const survey = await unlessRefused(ctx, urlFor('surveys.create'), () =>
      createSurvey(input, auth.use('staff').getUserOrFail())
    )
    if (!survey) return
    session.flash('success', i18n.t('surveys.edit.created'))
    return response.redirect().toRoute('surveys.show', { id: survey.id })
  }

  async edit({ params, bouncer, view, i18n }: HttpContext) {
    const survey = await Survey.findOrFail(params.id)
    await bouncer.with(SurveyPolicy).authorize('manage', survey)
    return view.render('pages/surveys/edit', {
      survey,
      surveyState: survey.stateAt(DateTime.utc()),
      closesOn: survey.lastDay.toISODate(),
      audienceOptions: optionsOf(i18n, 'surveys.audience', PARTNER_AUDIENCES),
      languageOptions: optionsOf(i18n, 'surveys.language', LANGUAGES),
    })
  }

  async update(ctx: HttpContext) {
    const { params, bouncer, request, response, session, i18n } = ctx
    const survey = await Survey.findOrFail(params.id)
    await bouncer.with(SurveyPolicy).authorize('manage', survey)
    const changes = await request.validateUsing(surveyChangesValidator)
    const saved = await unlessRefused(ctx, urlFor('surveys.edit', { id: survey.id }), async () => {
      await updateSurvey(survey, changes)
      return true
    })
    if (!saved) return
    session.flash('success', i18n.t('surveys.edit.saved'))
    return response.redirect().toRoute('surveys.show', { id: survey.id })
  }

  async show({ params, bouncer, view, i18n }: HttpContext) {
    const survey = await Survey.findOrFail(params.id)
    await bouncer.with(SurveyPolicy).authorize('manage', survey)
    const responses = await responseCounts([survey.id])
    return view.render('pages/surveys/show', {
      survey,
      surveyState: survey.stateAt(DateTime.utc()),
      questions: await questionsOf(survey),
      partners: survey.kind === 'partner' ? await partnerStatus(survey) : null,
      responses: responses.get(survey.id) ?? 0,
      questionKindOptions: optionsOf(i18n, 'surveys.question_kind', QUESTION_KINDS),
      scaleOptions: [
        { value: '5', label: i18n.t('surveys.scale_1_5') },
        { value: '10', label: i18n.t('surveys.scale_0_10') },
      ],
      publicLink: survey.linkToken ? publicLinkOf(survey.linkToken) : null,
    })
  }
}
