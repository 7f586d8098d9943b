import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { retentionCutoff, type Removed } from '#core/services/retention_period'
import { toSqlDateTime } from '#core/services/time'

/** Removes accessibility feedback answered longer ago than its period, reply contact and all. */
export async function cleanUpFeedbackRows(now: DateTime): Promise<Removed[]> {
  const removed = await db
    .connection('registry')
    .from('accessibility_feedback')
    .whereNotNull('answered_at')
    .where('answered_at', '<', toSqlDateTime(retentionCutoff('accessibilityFeedback', now)))
    .delete()
  return [{ kind: 'accessibilityFeedback', count: Number(removed) }]
}
