import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import printRunsConfig from '#config/print_runs'
import { generateCardCode } from '#registry/services/card_code'
import { freeCodesAmong } from '#registry/services/printed_codes'
import { toSqlDateTime } from '#core/services/time'
import { rowsChanged } from '#core/services/rows_changed'

/*
| Reserving a print run's codes. Any process may do it: the web process
| that took the order starts at once, and the scheduler's `print_runs` job
| takes over a run that is still queued or whose worker stopped (no batch
| for `stalledAfterSeconds`). A worker claims the run with one conditional
| UPDATE, so two never work on the same run; it goes on from the codes
| already reserved, so a takeover loses nothing.
|
| Codes are made in batches: today's card code (random, with its check
| character), minus those a card, a replaced card or any print run holds, inserted
| in one transaction. `printed_codes.code` is unique, so a code taken by a
| concurrent run or card between the look-up and the insert fails the
| batch, which is then made again.
*/
export type CodeMaker = () => string

const registry = () => db.connection('registry')
const now = () => toSqlDateTime(DateTime.utc())
const stalledBefore = () =>
  toSqlDateTime(DateTime.utc().minus({ seconds: printRunsConfig.stalledAfterSeconds }))

/** Claims a run for this worker: queued, or generating with no progress for too long. */
async function claim(runId: number) {
  const updated = await registry()
    .from('print_runs')
    .where('id', runId)
    .where((query) =>
      query
        .where('status', 'queued')
        .orWhere((stalled) =>
          stalled.where('status', 'generating').where('updated_at', '<', stalledBefore())
        )
    )
    .update({ status: 'generating', updated_at: now() })
  return rowsChanged(updated) === 1
}

async function reserveBatch(runId: number, wanted: number, makeCode: CodeMaker) {
  const candidates = new Set<string>()
  while (candidates.size < wanted) candidates.add(makeCode())
  const codes = await freeCodesAmong([...candidates], registry())
  if (codes.length === 0) return 0
  try {
    await registry()
      .table('printed_codes')
      .multiInsert(codes.map((code) => ({ code, print_run_id: runId })))
  } catch (error) {
    // Another run or a card took one of these codes since the look-up: make the batch again.
    logger.info({ err: error, printRunId: runId }, 'print run batch collided, retrying')
    return 0
  }
  return codes.length
}

async function reservedCount(runId: number) {
  const row = await registry()
    .from('printed_codes')
    .where('print_run_id', runId)
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}

/**
 * Reserves the rest of a run's codes, if this worker can claim it. Returns
 * false when another worker has it or it is no longer waiting. Stops early
 * when the run is cancelled meanwhile.
 */
export async function generatePrintRun(runId: number, makeCode: CodeMaker = generateCardCode) {
  if (!(await claim(runId))) return false
  const run = await registry().from('print_runs').where('id', runId).select('quantity').first()
  let done = await reservedCount(runId)
  while (done < run.quantity) {
    const wanted = Math.min(printRunsConfig.batchSize, run.quantity - done)
    done += await reserveBatch(runId, wanted, makeCode)
    const stillOurs = await registry()
      .from('print_runs')
      .where('id', runId)
      .where('status', 'generating')
      .update({ codes_done: done, updated_at: now() })
    if (rowsChanged(stillOurs) !== 1) return true
  }
  await registry()
    .from('print_runs')
    .where('id', runId)
    .where('status', 'generating')
    .update({ status: 'ready', ready_at: now(), updated_at: now() })
  return true
}

/** Starts reserving in this process without waiting; the scheduler finishes it if this process dies. */
export function startPrintRun(runId: number) {
  generatePrintRun(runId).catch((error) => {
    logger.error({ err: error, printRunId: runId }, 'print run failed; the scheduler retries it')
  })
}

/** Runs waiting for a worker: queued, or stalled while generating. */
export async function waitingPrintRuns(): Promise<number[]> {
  const rows = await registry()
    .from('print_runs')
    .where('status', 'queued')
    .orWhere((stalled) =>
      stalled.where('status', 'generating').where('updated_at', '<', stalledBefore())
    )
    .orderBy('id')
    .select('id')
  return rows.map((row) => row.id)
}

/** The scheduler's job: reserves the codes of every waiting run, one after the other. */
export async function generateWaitingPrintRuns() {
  let finished = 0
  for (const runId of await waitingPrintRuns()) {
    if (await generatePrintRun(runId)) finished++
  }
  return finished
}
