import type { DateTime } from 'luxon'
import { finnishDayOf } from '#core/services/time'
import { CHANNELS } from '#messaging/message_kinds'
import { enqueue } from '#messaging/services/outbox'
import { reachable } from '#messaging/services/recipients'
import { cardsEndingBetween } from '#registry/services/card_notices'

/**
 * "Your card ends soon: ask your distributor to extend it", 30 and 7 days
 * before the last valid day. A card within 7 days gets only the later
 * notice; each is queued once per card and end date.
 */
export async function queueCardExpiryNotices(now: DateTime) {
  const today = finnishDayOf(now)
  const cards = await cardsEndingBetween(today, today.plus({ days: 30 }))
  if (!cards.length) return '0 message(s) queued'
  const recipients = await reachable('card_expiring', CHANNELS, {
    cardCodes: cards.map((c) => c.code),
  })
  const byCode = new Map(recipients.map((r) => [r.cardCode, r]))
  const queued = await enqueue(
    cards.flatMap((card) => {
      const recipient = byCode.get(card.code)
      if (!recipient) return []
      const daysLeft = Math.round(
        (Date.parse(card.validUntil) - Date.parse(today.toISODate()!)) / 86_400_000
      )
      const notice = daysLeft <= 7 ? 7 : 30
      return [
        {
          kind: 'card_expiring' as const,
          recipient,
          subject: `until:${card.validUntil}:${notice}`,
          params: { validUntil: card.validUntil, distributor: card.distributor },
        },
      ]
    }),
    now
  )
  return `${queued} message(s) queued`
}
