import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { retentionCutoff, type Removed } from '#core/services/retention_period'
import { toSqlDateTime } from '#core/services/time'

/** Removes the waiting lists of shows that took place longer ago than their period. */
export async function cleanUpUsageRows(now: DateTime): Promise<Removed[]> {
  const before = toSqlDateTime(retentionCutoff('waitingListEntries', now))
  const registry = db.connection('registry')
  const shows = registry.from('occurrences').select('id').where('starts_at', '<', before)
  const count = await registry.from('waiting_list_entries').whereIn('occurrence_id', shows).delete()
  return [{ kind: 'waitingListEntries', count: Number(count) }]
}
