import type { DateTime } from 'luxon'
import { finnishDayOf } from '#core/services/time'
import { CHANNELS } from '#messaging/message_kinds'
import { enqueue } from '#messaging/services/outbox'
import { reachable } from '#messaging/services/recipients'
import { ticketsStartingBetween, type TicketNotice } from '#usage/services/ticket_notices'
import { ticketInfoOfOffers } from '#offers/services/ticket_info'
import { markAttendanceAsked } from '#usage/services/attendance'

/** Morning reminders wait until this hour (Finnish time) on the day of the event. */
const MORNING_HOUR = 8

async function queueFor(
  tickets: TicketNotice[],
  subject: string,
  now: DateTime,
  notBefore?: DateTime
) {
  if (!tickets.length) return 0
  const recipients = await reachable('ticket_reminder', CHANNELS, {
    cardCodes: tickets.map((t) => t.cardCode),
  })
  const byCode = new Map(recipients.map((r) => [r.cardCode, r]))
  // What the venue promises at the door (free cloakroom, handover time...): the e-mail names it.
  const ticketInfo = await ticketInfoOfOffers(tickets.map((t) => t.offerId))
  const messages = tickets.flatMap((ticket) => {
    const recipient = byCode.get(ticket.cardCode)
    if (!recipient) return []
    const { useId, title, venue, location, startsAt, offerId } = ticket
    const facts = (ticketInfo.get(offerId)?.facts ?? []).map((fact) => fact.key).join(',')
    return [
      {
        kind: 'ticket_reminder' as const,
        recipient,
        subject: `use:${useId}:${subject}`,
        params: { useId, offerId, title, venue, location, startsAt, ...(facts && { facts }) },
        notBefore,
      },
    ]
  })
  const queued = await enqueue(messages, now)
  // The reminder asks "Coming? 1 = yes, 2 = cancel": an answer refers to this ticket.
  await markAttendanceAsked(
    messages.map((message) => message.params.useId),
    now,
    { refresh: false }
  )
  return queued
}

/**
 * Ticket reminders: two days before (any show tomorrow or the day after
 * that has not had one yet, so a missed run catches up) and on the morning
 * of the day. Each is queued once per ticket, however often this runs.
 */
export async function queueTicketReminders(now: DateTime) {
  const today = finnishDayOf(now)
  const ahead = await queueFor(
    await ticketsStartingBetween(today.plus({ days: 1 }), today.plus({ days: 3 })),
    'ahead',
    now
  )
  const morning = today.set({ hour: MORNING_HOUR })
  const sameDay = await queueFor(
    await ticketsStartingBetween(now, today.plus({ days: 1 })),
    'day',
    now,
    morning > now ? morning : undefined
  )
  return `${ahead + sameDay} message(s) queued`
}
