import type { I18n } from '@adonisjs/i18n'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import type { ImportKindName } from '#core/services/import_kind'
import importsConfig from '#config/imports'
import { toCsv } from '#core/services/csv'
import type ImportRun from '#imports/models/import_run'

/** Each kind's example file in the repository (docs/import-examples). */
export function exampleFile(kind: ImportKindName) {
  return app.makePath('docs/import-examples', `${kind}.csv`)
}

export type StoredRefusal = {
  row: number
  column: string | null
  reason: string
  params: Record<string, string | number>
}

/** A run's refusals in file order (the first `limit`). */
export async function refusalsOf(run: ImportRun, limit: number): Promise<StoredRefusal[]> {
  const rows = await db
    .connection('registry')
    .from('import_refusals')
    .where('import_run_id', run.id)
    .orderBy('row')
    .orderBy('id')
    .limit(limit)
    .select('row', 'column', 'reason', 'params')
  return rows.map((row) => ({
    row: Number(row.row),
    column: row.column,
    reason: row.reason,
    params: row.params ? JSON.parse(row.params) : {},
  }))
}

/** A refused row's reason in the reader's language. */
export function refusalText(i18n: I18n, refusal: StoredRefusal) {
  const key = refusal.reason.startsWith('notices.') ? refusal.reason : `refusals.${refusal.reason}`
  return i18n.t(`import.${key}`, refusal.params)
}

/** What refused the whole file, in the reader's language; null if nothing did. */
export function fileProblemText(i18n: I18n, run: ImportRun) {
  if (!run.fileProblem) return null
  const params = run.fileProblemParams ?? {}
  if (run.fileProblem === 'identity_column') {
    return i18n.t(`import.identity.${params.kind}`, params)
  }
  return i18n.t(`import.file_errors.${run.fileProblem}`, params)
}

/** The report of a run: what refused the file and each refused row, as rows and as CSV. */
export async function reportCsv(i18n: I18n, run: ImportRun) {
  const refusals = await refusalsOf(run, importsConfig.maxStoredRefusals)
  const lines: Array<Array<string | number>> = refusals.map((refusal) => [
    refusal.row,
    refusal.column ?? '',
    refusalText(i18n, refusal),
  ])
  const problem = fileProblemText(i18n, run)
  if (problem) lines.unshift(['', '', problem])
  const header = [
    i18n.t('import.report.row'),
    i18n.t('import.report.column'),
    i18n.t('import.report.reason'),
  ]
  return { lines, csv: toCsv([header, ...lines]) }
}
