import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import PrintRun, { PRINT_LANGUAGES } from '#registry/models/print_run'
import { CARD_TYPES } from '#registry/models/card'
import type User from '#registry/models/user'
import PrintRunPolicy from '#registry/policies/print_run_policy'
import { printRunValidator } from '#registry/validators/print_run'
import { scopedAreas, scopedOrganisations } from '#registry/services/admin_scope'
import {
  cancelPrintRun,
  orderPrintRun,
  scopedPrintRuns,
  summariesOf,
} from '#registry/services/print_runs'
import { startPrintRun } from '#registry/services/print_run_generation'
import {
  PRINT_FORMAT_PARAMS,
  printRunPdf,
  type PrintLayout,
} from '#registry/services/print_run_pdf'
import { printRunCsv } from '#registry/services/print_run_csv'
import { unlessRefused } from '#core/services/field_error'
import { optionsOf, recordOptions } from '#core/services/choice_options'
import { keepFiltersInPageLinks } from '#core/services/pagination'

const PAGE_SIZE = 25

/** Print runs: ordering, progress, the list, cancelling and the downloads. */
export default class PrintRunsController {
  async index({ request, auth, view }: HttpContext) {
    const actor = auth.use('staff').getUserOrFail()
    const page = await scopedPrintRuns(actor)
      .preload('area')
      .preload('organisation')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .paginate(Number(request.input('page', 1)) || 1, PAGE_SIZE)
    keepFiltersInPageLinks(page, urlFor('print_runs.index'), {})
    return view.render('pages/print_runs/index', { page, summaries: await summariesOf(page.all()) })
  }

  async create({ auth, view, bouncer, i18n }: HttpContext) {
    await bouncer.with(PrintRunPolicy).authorize('order')
    return view.render('pages/print_runs/form', {
      submissionKey: randomUUID(),
      ...(await this.#options(auth.use('staff').getUserOrFail(), i18n)),
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(PrintRunPolicy).authorize('order')
    const input = await ctx.request.validateUsing(printRunValidator)
    const run = await unlessRefused(ctx, urlFor('print_runs.create'), () =>
      orderPrintRun(ctx.auth.use('staff').getUserOrFail(), input)
    )
    if (!run) return
    if (run.status === 'queued') startPrintRun(run.id)
    return ctx.response.redirect().toRoute('print_runs.show', { id: run.id })
  }

  async show({ params, request, view, bouncer }: HttpContext) {
    const run = await this.#run(params.id, bouncer)
    const [summary] = await summariesOf([run])
    const progress = { run, summary, formats: PRINT_FORMAT_PARAMS }
    if (request.header('hx-request')) return view.render('pages/print_runs/_progress', progress)
    return view.render('pages/print_runs/show', progress)
  }

  async confirmCancel({ params, view, bouncer }: HttpContext) {
    const run = await this.#run(params.id, bouncer)
    await bouncer.with(PrintRunPolicy).authorize('cancel', run)
    const [summary] = await summariesOf([run])
    return view.render('pages/print_runs/cancel', { run, summary })
  }

  async cancel({ params, bouncer, session, i18n, response }: HttpContext) {
    const run = await this.#run(params.id, bouncer)
    await bouncer.with(PrintRunPolicy).authorize('cancel', run)
    await cancelPrintRun(run)
    session.flash('success', i18n.t('print_runs.cancelled_message'))
    return response.redirect().toRoute('print_runs.show', { id: run.id })
  }

  async pdf({ params, response, bouncer }: HttpContext) {
    const run = await this.#readyRun(params.id, bouncer)
    const layout: PrintLayout = params.layout
    response.header('Content-Type', 'application/pdf')
    response.attachment(`kaikukortit-${run.id}-${layout}.pdf`)
    return response.stream(printRunPdf(run, layout))
  }

  async csv({ params, response, bouncer }: HttpContext) {
    const run = await this.#readyRun(params.id, bouncer)
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.attachment(`kaikukortit-${run.id}.csv`)
    return response.send(await printRunCsv(run))
  }

  async #run(id: string, bouncer: HttpContext['bouncer'], onlyReady = false) {
    const query = PrintRun.query().where('id', id)
    if (onlyReady) query.where('status', 'ready')
    const run = await query.preload('area').preload('organisation').firstOrFail()
    await bouncer.with(PrintRunPolicy).authorize('view', run)
    return run
  }

  /** Only a finished, live run can be printed. */
  #readyRun(id: string, bouncer: HttpContext['bouncer']) {
    return this.#run(id, bouncer, true)
  }

  async #options(actor: User, i18n: HttpContext['i18n']) {
    const [areas, distributors] = await Promise.all([
      scopedAreas(actor).orderBy('name'),
      scopedOrganisations(actor)
        .where('type', 'distributor')
        .where('active', true)
        .preload('area')
        .orderBy('name'),
    ])
    return {
      areaOptions: recordOptions(areas, (area) => area.name),
      distributorOptions: recordOptions(distributors, (organisation) =>
        actor.role === 'admin' && organisation.area
          ? `${organisation.name} (${organisation.area.name})`
          : organisation.name
      ),
      cardTypeOptions: optionsOf(i18n, 'print_runs.card_type', CARD_TYPES),
      languageOptions: optionsOf(i18n, 'print_runs.language', PRINT_LANGUAGES),
    }
  }
}
