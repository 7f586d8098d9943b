import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { BaseCheck, Result } from '@adonisjs/core/health'
import { DbCheck } from '@adonisjs/lucid/database'
import { momentFromRow, toSqlDateTime } from '#core/services/time'
import { activePauses } from '#messaging/services/channel_pauses'

/*
| What operations may know about the outbox and the scheduled jobs: counts
| and times only, never a card code, an account or an address. Messaging
| owns the `omakaiku` connection's side of the readiness checks, so the
| connection check is made here too.
*/
const omakaiku = () => db.connection('omakaiku')

/** A claim whose lease ended this long ago was not released by any worker: the outbox is stuck. */
export const STUCK_AFTER_MINUTES = 15

/** The outbox job runs every minute; a last run older than this is reported (not failed). */
const OUTBOX_RUN_STALE_MINUTES = 5

export async function deadMessageCount() {
  const row = await omakaiku()
    .from('outbox_messages')
    .where('status', 'dead')
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}

/** What the national centre's home page shows of delivery: dead messages and the channels paused now. */
export async function deliveryProblems(now: DateTime = DateTime.now()) {
  const [dead, pauses] = await Promise.all([deadMessageCount(), activePauses(now)])
  return { dead, pausedChannels: pauses.map((pause) => pause.channel) }
}

/** Messages still `sending` after their lease ended more than `minutes` ago. */
export async function stuckSendingCount(now: DateTime, minutes = STUCK_AFTER_MINUTES) {
  const row = await omakaiku()
    .from('outbox_messages')
    .where('status', 'sending')
    .where('locked_until', '<', toSqlDateTime(now.minus({ minutes })))
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}

export async function lastJobRunAt(job: string): Promise<DateTime | null> {
  const row = await omakaiku().from('job_runs').where('job', job).max('started_at as last').first()
  return momentFromRow(row?.last)
}

/** Outbox rows by status and channel, for the metrics. */
export async function outboxCounts() {
  const rows = await omakaiku()
    .from('outbox_messages')
    .select('status', 'channel')
    .count('* as total')
    .groupBy('status', 'channel')
  return rows.map((row) => ({
    status: String(row.status),
    channel: String(row.channel),
    total: Number(row.total),
  }))
}

export type JobRunSummary = {
  job: string
  outcome: string
  runs: number
  /** The last finished run of this job with this outcome. */
  lastDurationMs: number | null
}

/** The recorded runs (kept 90 days) by job and outcome, for the metrics. */
export async function jobRunSummaries(): Promise<JobRunSummary[]> {
  const rows = await omakaiku()
    .from('job_runs')
    .select('job', 'outcome')
    .count('* as runs')
    .max('id as last_id')
    .groupBy('job', 'outcome')
  const lastRuns =
    rows.length === 0
      ? []
      : await omakaiku()
          .from('job_runs')
          .whereIn(
            'id',
            rows.map((row) => Number(row.last_id))
          )
          .select('id', 'duration_ms')
  const durations = new Map<number, number | null>(
    lastRuns.map((run) => [
      Number(run.id),
      run.duration_ms === null ? null : Number(run.duration_ms),
    ])
  )
  return rows.map((row) => ({
    job: String(row.job),
    outcome: String(row.outcome),
    runs: Number(row.runs),
    lastDurationMs: durations.get(Number(row.last_id)) ?? null,
  }))
}

class OutboxLastRunCheck extends BaseCheck {
  name = 'Outbox job last run'

  async run() {
    const last = await lastJobRunAt('outbox')
    if (!last)
      return Result.warning('The outbox job has not run yet').mergeMetaData({ lastRunAt: null })
    const minutes = Math.floor(DateTime.now().diff(last, 'minutes').minutes)
    const result =
      minutes > OUTBOX_RUN_STALE_MINUTES
        ? Result.warning(`The outbox job last ran ${minutes} minutes ago`)
        : Result.ok('The outbox job runs')
    return result.mergeMetaData({ lastRunAt: last.toUTC().toISO() })
  }
}

class DeadMessagesCheck extends BaseCheck {
  name = 'Dead outbox messages'

  async run() {
    const dead = await deadMessageCount()
    const result =
      dead > 0 ? Result.warning(`${dead} dead message(s)`) : Result.ok('No dead messages')
    return result.mergeMetaData({ dead })
  }
}

class StuckSendingCheck extends BaseCheck {
  name = 'Outbox messages stuck in sending'

  async run() {
    const stuck = await stuckSendingCount(DateTime.now())
    const result =
      stuck > 0
        ? Result.failed(
            `${stuck} message(s) still sending ${STUCK_AFTER_MINUTES} minutes after their lease ended`
          )
        : Result.ok('No message is stuck in sending')
    return result.mergeMetaData({ stuckSending: stuck })
  }
}

/** The `omakaiku` connection and the outbox, for the readiness report. */
export function messagingHealthChecks() {
  return [
    new DbCheck(omakaiku()),
    new OutboxLastRunCheck(),
    new DeadMessagesCheck(),
    new StuckSendingCheck(),
  ]
}
