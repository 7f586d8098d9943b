import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { ZONE, toSqlDateTime } from '#core/services/time'
import { CHANNELS, type Channel } from '#messaging/message_kinds'
import OutboxMessage from '#messaging/models/outbox_message'

/** The dashboard's columns: waiting covers queued, being sent and waiting for a retry. */
export const REPORT_COLUMNS = ['waiting', 'sent', 'delivered', 'failed', 'skipped'] as const
type Column = (typeof REPORT_COLUMNS)[number]
export type DeliveryCounts = Record<Column, number>

const COLUMN_OF: Record<string, Column> = {
  queued: 'waiting',
  sending: 'waiting',
  failed: 'waiting',
  sent: 'sent',
  delivered: 'delivered',
  dead: 'failed',
  skipped: 'skipped',
}

export type ReportRow = { day: string; channel: Channel; counts: DeliveryCounts }

export function emptyCounts(): DeliveryCounts {
  return { waiting: 0, sent: 0, delivered: 0, failed: 0, skipped: 0 }
}

/** Adds `total` messages in an outbox status to the column it is shown in. */
export function addCount(counts: DeliveryCounts, status: string, total: number) {
  const column = COLUMN_OF[status]
  if (column) counts[column] += total
}

/**
 * Messages per day (queued on, Finnish time) and channel, by how far they
 * got. Counted by the hour in SQL (the engines agree on that) and folded
 * into Finnish days here.
 */
export async function deliveryReport(
  days = 14,
  now: DateTime = DateTime.now()
): Promise<ReportRow[]> {
  const since = now
    .setZone(ZONE)
    .startOf('day')
    .minus({ days: days - 1 })
  const connection = db.connection('omakaiku')
  const hour =
    connection.dialect.name === 'mysql'
      ? "DATE_FORMAT(created_at, '%Y-%m-%d %H')"
      : "strftime('%Y-%m-%d %H', created_at)"
  const rows = await connection
    .from('outbox_messages')
    .where('created_at', '>=', toSqlDateTime(since))
    .select(connection.raw(`${hour} as hour`), 'channel', 'status')
    .count('* as total')
    .groupByRaw(`${hour}, channel, status`)
  const report = new Map<string, ReportRow>()
  for (const row of rows) {
    const day = DateTime.fromFormat(row.hour, 'yyyy-MM-dd HH', { zone: 'utc' })
      .setZone(ZONE)
      .toISODate()!
    const key = `${day}:${row.channel}`
    if (!report.has(key)) {
      report.set(key, {
        day,
        channel: row.channel,
        counts: emptyCounts(),
      })
    }
    addCount(report.get(key)!.counts, row.status, Number(row.total))
  }
  return [...report.values()].sort(
    (a, b) =>
      b.day.localeCompare(a.day) || CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel)
  )
}

/** Dead messages, newest first: what failed, how often, and the (address-free) last error. */
export function deadLetters(page: number) {
  return OutboxMessage.query()
    .where('status', 'dead')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .paginate(page, 50)
}
