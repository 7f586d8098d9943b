import { rm } from 'node:fs/promises'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import importsConfig from '#config/imports'
import type { ImportKindName } from '#core/services/import_kind'
import { toSqlDateTime } from '#core/services/time'
import ImportRun from '#imports/models/import_run'
import { importKind } from '#imports/services/import_kinds'
import {
  importFile,
  type ImportCounts,
  type ProgressListener,
} from '#imports/services/import_runner'
import { rowsChanged } from '#core/services/rows_changed'

/*
| Import runs: a file checked (dry run) or imported, as a background job.
| The process that took the upload starts the run at once; a run whose
| process stopped (no progress for `stalledAfterMinutes`) is marked failed by
| the `imports` job, since its transaction was rolled back with the process:
| the file can simply be imported again.
*/
const registry = () => db.connection('registry')
const storagePath = (storedFile: string) => app.makePath(importsConfig.storageDir, storedFile)

/** How many import runs are queued or running now, for the national centre's home page. */
export async function importsUnderWay() {
  const [row] = await ImportRun.query().whereIn('status', ['queued', 'running']).count('* as total')
  return Number(row.$extras.total)
}

export async function createRun(input: {
  kind: ImportKindName
  dryRun: boolean
  uploadedAs: string
  /** Under the import storage (an upload); null for a file named on the command line. */
  storedFile: string | null
  userId: number | null
  checkedRunId?: number | null
}) {
  return ImportRun.create({ ...input, status: 'queued', checkedRunId: input.checkedRunId ?? null })
}

/**
 * The real run of a dry run that found nothing wrong, on the same stored
 * file, and whether this call made it: a concurrent submit that made it
 * first (`checked_run_id` is unique) gives that run.
 */
export async function importCheckedRun(checked: ImportRun, userId: number | null) {
  try {
    const run = await createRun({
      kind: checked.kind,
      dryRun: false,
      uploadedAs: checked.uploadedAs,
      storedFile: checked.storedFile!,
      userId,
      checkedRunId: checked.id,
    })
    return { run, created: true }
  } catch (error) {
    const first = await ImportRun.findBy('checked_run_id', checked.id)
    if (first) return { run: first, created: false }
    throw error
  }
}

function countsRow(counts: ImportCounts) {
  return {
    rows_total: counts.rowsTotal,
    rows_done: counts.rowsDone,
    added: counts.added,
    updated: counts.updated,
    skipped: counts.skipped,
    refused: counts.refused,
    updated_at: toSqlDateTime(DateTime.utc()),
  }
}

/** Claims a queued run for this process with one conditional UPDATE. */
async function claim(runId: number) {
  const updated = await registry()
    .from('import_runs')
    .where('id', runId)
    .where('status', 'queued')
    .update({ status: 'running', updated_at: toSqlDateTime(DateTime.utc()) })
  return rowsChanged(updated) === 1
}

/**
 * Runs a queued run to its end, from its stored upload or from `path` (the
 * command line). `onProgress` is told too (the terminal's progress bar).
 * Returns the finished run, or null when another process has it.
 */
export async function executeRun(
  runId: number,
  options: { path?: string; onProgress?: (counts: ImportCounts) => unknown } = {}
) {
  const { onProgress } = options
  if (!(await claim(runId))) return null
  const run = await ImportRun.findOrFail(runId)
  const listener: ProgressListener = async (counts, client) => {
    await client.from('import_runs').where('id', runId).update(countsRow(counts))
    await onProgress?.(counts)
  }
  try {
    const result = await importFile(
      importKind(run.kind),
      { path: options.path ?? storagePath(run.storedFile!), name: run.uploadedAs },
      { dryRun: run.dryRun, onProgress: listener }
    )
    await registry().transaction(async (trx) => {
      // Notices (after the rows were written) are kept with the refusals, marked by their key.
      const problems = [...result.refusals, ...result.notices]
      for (let start = 0; start < problems.length; start += 500) {
        await trx.table('import_refusals').multiInsert(
          problems.slice(start, start + 500).map((problem) => ({
            import_run_id: runId,
            row: problem.row,
            column: problem.column,
            reason: problem.reason,
            params: problem.params ? JSON.stringify(problem.params) : null,
          }))
        )
      }
      const refused = result.fileProblem !== null || result.refused > 0
      await trx
        .from('import_runs')
        .where('id', runId)
        .update({
          ...countsRow(result),
          status: refused ? 'refused' : 'done',
          file_problem: result.fileProblem?.reason ?? null,
          file_problem_params: result.fileProblem
            ? JSON.stringify(result.fileProblem.params)
            : null,
          // A checked file waits for its real run; any other is no longer needed.
          stored_file: run.dryRun && !refused ? run.storedFile : null,
          finished_at: toSqlDateTime(DateTime.utc()),
        })
    })
    if (!run.dryRun || result.fileProblem || result.refused > 0) await removeFile(run.storedFile)
  } catch (error) {
    // Database or programming errors: the file's transaction is rolled back.
    logger.error({ err: error, importRunId: runId, kind: run.kind }, 'import run failed')
    await registry()
      .from('import_runs')
      .where('id', runId)
      .update({ status: 'failed', finished_at: toSqlDateTime(DateTime.utc()) })
  }
  return ImportRun.findOrFail(runId)
}

/** Starts a run in this process without waiting for it (the page follows its progress). */
export function startRun(runId: number) {
  executeRun(runId).catch((error) =>
    logger.error({ err: error, importRunId: runId }, 'import run could not start')
  )
}

async function removeFile(storedFile: string | null) {
  if (storedFile) await rm(storagePath(storedFile), { force: true })
}

/**
 * The `imports` job: runs that lost their process are failed (their
 * transaction went with it), and checked files nobody imported are removed.
 */
export async function tidyImportRuns() {
  const now = DateTime.utc()
  const stalled = await ImportRun.query()
    .whereIn('status', ['queued', 'running'])
    .where(
      'updated_at',
      '<',
      toSqlDateTime(now.minus({ minutes: importsConfig.stalledAfterMinutes }))
    )
  const old = await ImportRun.query()
    .whereNotNull('stored_file')
    .whereNotIn('status', ['queued', 'running'])
    .where('created_at', '<', toSqlDateTime(now.minus({ days: importsConfig.keepFilesDays })))
  for (const run of [...stalled, ...old]) {
    await removeFile(run.storedFile)
    run.storedFile = null
    if (run.working) {
      run.status = 'failed'
      run.finishedAt = now
    }
    await run.save()
  }
  return { stalled: stalled.length, removed: old.length }
}
