import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { retentionCutoff, type Removed } from '#core/services/retention_period'
import { toSqlDateTime } from '#core/services/time'

/** Removes OmaKaiku's links, sessions and sign-in counters past their period. */
export async function cleanUpOmaKaikuRows(now: DateTime): Promise<Removed[]> {
  const omakaiku = db.connection('omakaiku')
  const tokensBefore = toSqlDateTime(retentionCutoff('accountTokens', now))
  const tokens = await omakaiku
    .from('account_tokens')
    .where((query) =>
      query.where('expires_at', '<', tokensBefore).orWhere('used_at', '<', tokensBefore)
    )
    .delete()
  const sessions = await omakaiku
    .from('sessions')
    .where('expires_at', '<', toSqlDateTime(retentionCutoff('holderSessions', now)))
    .delete()
  // The limiter stores `expire` in milliseconds; a row without one never expires.
  const rateLimits = await omakaiku
    .from('rate_limits')
    .whereNotNull('expire')
    .where('expire', '<', retentionCutoff('holderRateLimits', now).toMillis())
    .delete()
  return [
    { kind: 'accountTokens', count: Number(tokens) },
    { kind: 'holderSessions', count: Number(sessions) },
    { kind: 'holderRateLimits', count: Number(rateLimits) },
  ]
}
