import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { toSqlDateTime } from '#core/services/time'

/**
 * A delivery report from the SMS provider: delivered, or given up by the
 * network (dead, for an admin to look at). Other states change nothing.
 */
export async function recordDeliveryStatus(
  providerMessageId: string,
  status: string,
  errorCode: string | null,
  now: DateTime = DateTime.now()
) {
  if (!providerMessageId) return
  const rows = db
    .connection('omakaiku')
    .from('outbox_messages')
    .where('provider_message_id', providerMessageId)
    .where('status', 'sent')
  if (status === 'delivered') {
    await rows.update({
      status: 'delivered',
      delivered_at: toSqlDateTime(now),
      updated_at: toSqlDateTime(now),
    })
  } else if (status === 'undelivered' || status === 'failed') {
    await rows.update({
      status: 'dead',
      last_error: `sms: ${status}${errorCode ? ` (error ${errorCode})` : ''}`,
      updated_at: toSqlDateTime(now),
    })
  }
}
