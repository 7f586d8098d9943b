import type { HttpContext } from '@adonisjs/core/http'
import privacyConfig from '#config/privacy'
import Survey from '#surveys/models/survey'
import SurveyPolicy from '#surveys/policies/survey_policy'
import { partnerStatus, surveyCsvRows, surveyResults } from '#surveys/services/survey_results'
import { organisationNames } from '#registry/services/directory'
import { toCsv } from '#core/services/csv'

/** One survey's results, on the page and as CSV. */
export default class SurveyResultsController {
  async show({ params, bouncer, view }: HttpContext) {
    const survey = await Survey.findOrFail(params.id)
    await bouncer.with(SurveyPolicy).authorize('manage', survey)
    const results = await surveyResults(survey)
    const organisationIds = results.questions.flatMap((result) =>
      result.texts.flatMap((text) => (text.organisationId ? [text.organisationId] : []))
    )
    return view.render('pages/surveys/results', {
      survey,
      results,
      minGroup: privacyConfig.smallestShown,
      partners: survey.kind === 'partner' ? await partnerStatus(survey) : null,
      organisations: await organisationNames(organisationIds),
    })
  }

  async csv({ params, bouncer, response, i18n }: HttpContext) {
    const survey = await Survey.findOrFail(params.id)
    await bouncer.with(SurveyPolicy).authorize('manage', survey)
    const rows = await surveyCsvRows(survey, {
      question: i18n.t('surveys.csv.question'),
      answer: i18n.t('surveys.csv.answer'),
      count: i18n.t('surveys.csv.count'),
      organisation: i18n.t('surveys.csv.organisation'),
    })
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="kysely-${survey.id}.csv"`)
    return toCsv(rows)
  }
}
