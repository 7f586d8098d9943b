import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { retentionCutoff, type Removed } from '#core/services/retention_period'
import { toSqlDateTime } from '#core/services/time'

/** Removes finished messages, job runs and ended channel pauses past their period. */
export async function cleanUpMessagingRows(now: DateTime): Promise<Removed[]> {
  const omakaiku = db.connection('omakaiku')
  const messages = await omakaiku
    .from('outbox_messages')
    .whereIn('status', ['sent', 'delivered', 'dead', 'skipped'])
    .where('updated_at', '<', toSqlDateTime(retentionCutoff('outboxMessages', now)))
    .delete()
  const jobRuns = await omakaiku
    .from('job_runs')
    .where('started_at', '<', toSqlDateTime(retentionCutoff('jobRuns', now)))
    .delete()
  const pauses = await omakaiku
    .from('channel_pauses')
    .where('paused_until', '<', toSqlDateTime(retentionCutoff('channelPauses', now)))
    .delete()
  return [
    { kind: 'outboxMessages', count: Number(messages) },
    { kind: 'jobRuns', count: Number(jobRuns) },
    { kind: 'channelPauses', count: Number(pauses) },
  ]
}
