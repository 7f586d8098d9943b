import type { DateTime } from 'luxon'
import { finnishDayOf } from '#core/services/time'
import { CHANNELS } from '#messaging/message_kinds'
import { enqueue } from '#messaging/services/outbox'
import { reachable } from '#messaging/services/recipients'
import { ticketsStartingBetween } from '#usage/services/ticket_notices'

/** Thank-you messages go out the next day from this hour (Finnish time). */
const THANKS_HOUR = 10

/**
 * The day after a show: thanks for coming, with a link to give feedback.
 * Shows of the last two days are looked at, so a missed run catches up.
 */
export async function queueVisitThanks(now: DateTime) {
  const today = finnishDayOf(now)
  const visits = await ticketsStartingBetween(today.minus({ days: 2 }), today)
  if (!visits.length) return '0 message(s) queued'
  const recipients = await reachable('visit_thanks', CHANNELS, {
    cardCodes: visits.map((v) => v.cardCode),
  })
  const byCode = new Map(recipients.map((r) => [r.cardCode, r]))
  const sendFrom = today.set({ hour: THANKS_HOUR })
  const queued = await enqueue(
    visits.flatMap((visit) => {
      const recipient = byCode.get(visit.cardCode)
      if (!recipient) return []
      return [
        {
          kind: 'visit_thanks' as const,
          recipient,
          subject: `use:${visit.useId}`,
          params: { useId: visit.useId, title: visit.title, venue: visit.venue },
          notBefore: sendFrom > now ? sendFrom : undefined,
        },
      ]
    }),
    now
  )
  return `${queued} message(s) queued`
}
