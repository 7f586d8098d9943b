import type { HttpContext } from '@adonisjs/core/http'
import privacyConfig from '#config/privacy'
import SurveyPolicy from '#surveys/policies/survey_policy'
import { resultFilterValidator } from '#surveys/validators/result_filter'
import { instrumentResults, resultYears } from '#surveys/services/instrument_results'
import { wordingIn } from '#surveys/services/instruments'
import { areaChoices } from '#registry/services/directory'
import { toCsv } from '#core/services/csv'

/** The validated instruments' results by area and year, on the page and as CSV. */
export default class WellbeingResultsController {
  async #filtered({ auth, bouncer, request, i18n }: HttpContext) {
    const member = auth.use('staff').getUserOrFail()
    const [, filters] = await resultFilterValidator.tryValidate(request.qs())
    const years = await resultYears()
    // A coordinator's results are their own area's; asking for another answers "not found".
    const areaId = filters?.area ?? (member.role === 'admin' ? null : member.areaId)
    await bouncer.with(SurveyPolicy).authorize('viewResults', areaId)
    const year = filters?.year ?? years[0]
    const areas = await areaChoices(i18n.locale)
    const results = await instrumentResults({ year, areaId })
    return {
      member,
      years,
      year,
      areaId,
      areas,
      areaName: areas.find((area) => area.id === areaId)?.name ?? null,
      // The areas' names in the page language (Österbotten in Swedish).
      results: results.map((result) => ({
        ...result,
        areas: result.areas.map((area) => ({
          ...area,
          name: areas.find((choice) => choice.id === area.areaId)?.name ?? area.name,
        })),
      })),
    }
  }

  async show(ctx: HttpContext) {
    const { member, years, year, areaId, areas, areaName, results } = await this.#filtered(ctx)
    return ctx.view.render('pages/surveys/wellbeing_results', {
      results,
      years,
      year,
      areaId,
      areaName,
      areaOptions: member.role === 'admin' ? areas : null,
      minGroup: privacyConfig.smallestShown,
    })
  }

  async csv(ctx: HttpContext) {
    const { year, areaId, areaName, results } = await this.#filtered(ctx)
    const { i18n, response } = ctx
    const heading = (key: string) => i18n.t(`surveys.results.csv.${key}`)
    const rows: unknown[][] = [
      [
        'instrument',
        'year',
        'area',
        'answers',
        'mean',
        'pairs',
        'mean_before',
        'mean_after',
        'mean_change',
      ].map(heading),
    ]
    for (const result of results) {
      const name = wordingIn(result.instrument.name, i18n.locale)
      rows.push([
        name,
        year,
        areaName ?? i18n.t('surveys.results.all_areas'),
        result.answers,
        result.mean ?? i18n.t('surveys.results.suppressed_short'),
        result.paired.pairs,
        result.paired.before ?? '',
        result.paired.after ?? '',
        result.paired.change ?? '',
      ])
    }
    rows.push([], ['instrument', 'distribution', 'answers'].map(heading))
    for (const result of results) {
      for (const point of result.distribution) {
        rows.push([
          wordingIn(result.instrument.name, i18n.locale),
          result.banded ? i18n.t(`surveys.results.band.${point.label}`) : point.label,
          point.count,
        ])
      }
    }
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header(
      'content-disposition',
      `attachment; filename="hyvinvointi-${year}${areaId ? '-' + areaId : ''}.csv"`
    )
    return toCsv(rows)
  }
}
