import type { HttpContext } from '@adonisjs/core/http'
import StatisticsPolicy from '#stats/policies/statistics_policy'
import { statisticsFilterValidator } from '#stats/validators/statistics_filter'
import {
  areaReport,
  dashboardSection,
  dashboardTable,
  sectionsOf,
  type DashboardKind,
} from '#stats/services/dashboards'
import { statisticsYears } from '#stats/services/statistics_years'
import { lastRefresh } from '#stats/services/summary_refresh'
import { tableRows } from '#stats/services/table_export'
import type { StatContext } from '#stats/services/statistic_context'
import {
  areaChoices,
  organisationsInAreas,
  organisationSummary,
} from '#registry/services/directory'
import { toCsv } from '#core/services/csv'
import { toXlsx } from '#core/services/xlsx'

/** The dashboard each role lands on. */
const HOME: Record<string, DashboardKind> = {
  admin: 'area',
  area_coordinator: 'area',
  distributor: 'distributor',
  venue: 'venue',
}

/** The statistics dashboards of every role, their exports and the printable report. */
export default class DashboardsController {
  /** Works out whose numbers are asked for and whether the user may see them. */
  async #context(ctx: HttpContext, kind: DashboardKind) {
    const { auth, bouncer, request, i18n } = ctx
    const member = auth.use('staff').getUserOrFail()
    const [, filters] = await statisticsFilterValidator.tryValidate(request.qs())
    const years = await statisticsYears()
    const year = filters?.year ?? years[0]
    let areaId: number | null = null
    let organisation = null
    if (kind === 'area') {
      areaId = filters?.area ?? (member.role === 'admin' ? null : member.areaId)
      await bouncer.with(StatisticsPolicy).authorize('viewArea', areaId)
    } else {
      const organisationId = filters?.organisation ?? member.organisationId
      organisation = organisationId ? await organisationSummary(organisationId) : null
      if (organisation && organisation.type !== kind) organisation = null
      await bouncer.with(StatisticsPolicy).authorize('viewOrganisation', organisation)
      // The national centre picks an area, then one of its organisations.
      areaId = organisation ? organisation.areaId : (filters?.area ?? null)
    }
    const context: StatContext = {
      scope: {
        areaId,
        organisationId: organisation?.id ?? null,
        organisationType: organisation ? (kind as 'distributor' | 'venue') : null,
      },
      filters: { year, quarter: filters?.quarter ?? null },
      t: (key, data) => i18n.t(key, data),
      locale: i18n.locale,
    }
    return { member, years, context, organisation }
  }

  /** The filters' choices and the page's frame, shared by dashboards and the report. */
  async #frame(kind: DashboardKind, member: { role: string }, context: StatContext) {
    const isAdmin = member.role === 'admin'
    const areas = await areaChoices(context.locale)
    const inArea =
      isAdmin && kind !== 'area' && context.scope.areaId
        ? await organisationsInAreas([context.scope.areaId])
        : []
    const organisations = inArea.filter((organisation) => organisation.type === kind)
    return {
      isAdmin,
      areas,
      areaName: areas.find((area) => area.id === context.scope.areaId)?.name ?? null,
      organisations,
      refreshedAt: await lastRefresh(),
    }
  }

  index({ auth, response }: HttpContext) {
    const member = auth.use('staff').getUserOrFail()
    const home = HOME[member.role]
    return home
      ? response.redirect().toRoute('dashboards.show', { dashboard: home })
      : response.notFound()
  }

  async show(ctx: HttpContext) {
    const kind = ctx.params.dashboard as DashboardKind
    const section = ctx.params.section ?? 'overview'
    if (!sectionsOf(kind).includes(section)) return ctx.response.notFound()
    const { member, years, context, organisation } = await this.#context(ctx, kind)
    const frame = await this.#frame(kind, member, context)
    // The national centre has not yet picked an organisation: the page asks for one.
    const chosen = kind === 'area' || organisation
    return ctx.view.render('pages/stats/dashboard', {
      kind,
      section,
      sections: sectionsOf(kind),
      years,
      filters: context.filters,
      scope: context.scope,
      organisation,
      dashboard: chosen ? await dashboardSection(kind, section, context) : null,
      query: chosen ? new URLSearchParams(ctx.request.qs()).toString() : '',
      ...frame,
    })
  }

  async export(ctx: HttpContext) {
    const kind = ctx.params.dashboard as DashboardKind
    const { context, organisation } = await this.#context(ctx, kind)
    if (kind !== 'area' && !organisation) return ctx.response.notFound()
    const [key, format] = String(ctx.params.file).split('.')
    const table = await dashboardTable(kind, key, context)
    if (!table) return ctx.response.notFound()
    const rows = tableRows(table, context)
    const name = `kaikukortti-${table.key}-${context.filters.year}${context.filters.quarter ? '-q' + context.filters.quarter : ''}`
    const { response } = ctx
    if (format === 'xlsx') {
      response.header(
        'content-type',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      )
      response.header('content-disposition', `attachment; filename="${name}.xlsx"`)
      return toXlsx([{ name: table.title, rows }])
    }
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="${name}.csv"`)
    return toCsv(rows)
  }

  /** The feedback meeting's report: every section of an area's statistics, to print. */
  async report(ctx: HttpContext) {
    const { member, years, context } = await this.#context(ctx, 'area')
    const frame = await this.#frame('area', member, context)
    return ctx.view.render('pages/stats/report', {
      years,
      filters: context.filters,
      scope: context.scope,
      report: await areaReport(context),
      query: new URLSearchParams(ctx.request.qs()).toString(),
      ...frame,
    })
  }
}
