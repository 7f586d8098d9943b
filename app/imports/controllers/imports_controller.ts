import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { refuseFields } from '#core/services/field_error'
import { keepFiltersInPageLinks } from '#core/services/pagination'
import ImportRun from '#imports/models/import_run'
import { IMPORT_KINDS, type ImportKindName } from '#core/services/import_kind'
import { importCheckedRun, startRun } from '#imports/services/import_runs'
import { receiveUpload, UploadRefused } from '#imports/services/import_upload'
import {
  exampleFile,
  fileProblemText,
  refusalsOf,
  refusalText,
  reportCsv,
} from '#imports/services/import_report'

const PAGE_SIZE = 25
/** Refusals shown on the page; the CSV report has them all. */
const SHOWN_REFUSALS = 100

/** The national centre's page for moving the old register's files in. */
export default class ImportsController {
  async index({ request, view }: HttpContext) {
    const page = await ImportRun.query()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .paginate(Number(request.input('page', 1)) || 1, PAGE_SIZE)
    keepFiltersInPageLinks(page, urlFor('imports.index'), {})
    return view.render('pages/imports/index', { page, kinds: IMPORT_KINDS })
  }

  async store(ctx: HttpContext) {
    try {
      const run = await receiveUpload(ctx, IMPORT_KINDS)
      startRun(run.id)
      return ctx.response.redirect().toRoute('imports.show', { id: run.id })
    } catch (error) {
      if (!(error instanceof UploadRefused)) throw error
      return refuseFields(
        ctx,
        { [error.field]: ctx.i18n.t(`import.upload.${error.reason}`, error.params) },
        urlFor('imports.index')
      )
    }
  }

  async show({ params, request, view, i18n }: HttpContext) {
    const run = await ImportRun.findOrFail(params.id)
    const refusals = run.working ? [] : await refusalsOf(run, SHOWN_REFUSALS)
    const state = {
      run,
      refusals: refusals.map((refusal) => ({ ...refusal, text: refusalText(i18n, refusal) })),
      fileProblem: fileProblemText(i18n, run),
      realRun: run.dryRun ? await ImportRun.findBy('checked_run_id', run.id) : null,
      shownRefusals: SHOWN_REFUSALS,
    }
    if (request.header('hx-request')) return view.render('pages/imports/_progress', state)
    return view.render('pages/imports/show', state)
  }

  /** The real run of a checked file. A second submit finds the first run. */
  async import({ params, response, session, i18n, auth }: HttpContext) {
    const checked = await ImportRun.findOrFail(params.id)
    const existing = await ImportRun.findBy('checked_run_id', checked.id)
    if (existing) return response.redirect().toRoute('imports.show', { id: existing.id })
    if (!checked.importable) {
      session.flash('notice', i18n.t('import.not_importable'))
      return response.redirect().toRoute('imports.show', { id: checked.id })
    }
    const { run, created } = await importCheckedRun(checked, auth.use('staff').getUserOrFail().id)
    if (created) startRun(run.id)
    return response.redirect().toRoute('imports.show', { id: run.id })
  }

  /** The example file of a kind, as docs/IMPORT.md describes it. */
  async example({ params, response }: HttpContext) {
    const kind: ImportKindName = params.kind
    return response.download(exampleFile(kind))
  }

  async report({ params, response, i18n }: HttpContext) {
    const run = await ImportRun.findOrFail(params.id)
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.attachment(`import-${run.id}-${run.kind}.csv`)
    const { csv } = await reportCsv(i18n, run)
    return response.send(csv)
  }
}
