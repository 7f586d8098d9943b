import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { retentionCutoff, type Removed } from '#core/services/retention_period'
import { toSqlDateTime } from '#core/services/time'

/** Removes staff sessions and the registry's rate-limit counters past their period. */
export async function cleanUpCoreRows(now: DateTime): Promise<Removed[]> {
  const registry = db.connection('registry')
  const sessions = await registry
    .from('sessions')
    .where('expires_at', '<', toSqlDateTime(retentionCutoff('staffSessions', now)))
    .delete()
  // The limiter stores `expire` in milliseconds; a row without one never expires.
  const rateLimits = await registry
    .from('rate_limits')
    .whereNotNull('expire')
    .where('expire', '<', retentionCutoff('staffRateLimits', now).toMillis())
    .delete()
  return [
    { kind: 'staffSessions', count: Number(sessions) },
    { kind: 'staffRateLimits', count: Number(rateLimits) },
  ]
}
