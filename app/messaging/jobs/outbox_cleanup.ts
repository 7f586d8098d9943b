import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import messagingConfig from '#config/messaging'
import { toSqlDateTime } from '#core/services/time'

/** Removes finished messages and old job runs after the retention period. */
export async function cleanUpOutbox(now: DateTime) {
  const before = toSqlDateTime(now.minus({ days: messagingConfig.retentionDays }))
  const omakaiku = db.connection('omakaiku')
  const messages = await omakaiku
    .from('outbox_messages')
    .whereIn('status', ['sent', 'delivered', 'dead', 'skipped'])
    .where('updated_at', '<', before)
    .delete()
  await omakaiku.from('job_runs').where('started_at', '<', before).delete()
  return `${Number(messages)} old message(s) removed`
}
