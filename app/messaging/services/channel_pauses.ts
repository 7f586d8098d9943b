import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { momentFromRow, toSqlDateTime } from '#core/services/time'
import type { Channel } from '#messaging/message_kinds'

/*
| A provider that refuses our credentials (a rotated Twilio token, a changed
| SMTP password) refuses every message alike: the channel is paused for all
| workers instead of sending each queued message to the dead letters, and
| tried again when the pause ends.
*/
export type ChannelPause = { channel: Channel; pausedAt: DateTime; until: DateTime; reason: string }

const pauses = () => db.connection('omakaiku').from('channel_pauses')

/** Every recorded pause, the ended ones too (until a send on the channel succeeds again). */
export async function channelPauses(): Promise<ChannelPause[]> {
  const rows = await pauses().orderBy('channel')
  return rows.map((row: any) => ({
    channel: row.channel,
    pausedAt: momentFromRow(row.paused_at)!,
    until: momentFromRow(row.paused_until)!,
    reason: row.reason,
  }))
}

/** The channels paused at `now`. */
export async function activePauses(now: DateTime = DateTime.now()) {
  const all = await channelPauses()
  return all.filter((pause) => pause.until > now)
}

/** A send on the channel went through again: the pause is over and forgotten. */
export async function endPause(channel: Channel) {
  await pauses().where('channel', channel).delete()
}

/** Pauses the channel from `now` until `until`, for every worker. */
export async function pauseChannel(
  channel: Channel,
  reason: string,
  now: DateTime,
  until: DateTime
) {
  await db
    .connection('omakaiku')
    .insertQuery()
    .table('channel_pauses')
    .insert({
      channel,
      paused_at: toSqlDateTime(now),
      paused_until: toSqlDateTime(until),
      reason: reason.slice(0, 500),
    })
    .knexQuery.onConflict('channel')
    .merge()
}
