import logger from '@adonisjs/core/services/logger'
import { CHANNELS } from '#messaging/message_kinds'
import { enqueue, type NewMessage } from '#messaging/services/outbox'
import { reachable } from '#messaging/services/recipients'
import { ticketNotice } from '#usage/services/ticket_notices'

async function queueOne(code: string, message: Omit<NewMessage, 'recipient'>) {
  const [recipient] = await reachable(message.kind, CHANNELS, { cardCodes: [code] })
  if (recipient) await enqueue([{ ...message, recipient }])
}

/*
| Messages that follow something the registry or usage did: the card was
| extended, the holder cancelled a ticket. A failure here is logged and
| never undoes what the staff member or the holder did.
*/
export default class HolderNotices {
  async cardExtended(event: { cardCode: string; validUntil: string }) {
    try {
      await queueOne(event.cardCode, {
        kind: 'card_extended',
        subject: `until:${event.validUntil}`,
        params: { validUntil: event.validUntil },
      })
    } catch (error) {
      logger.error({ err: error, card: event.cardCode }, 'card extended notice not queued')
    }
  }

  async ticketCancelled(event: { cardCode: string; useId: number }) {
    try {
      const ticket = await ticketNotice(event.useId)
      if (!ticket) return
      await queueOne(event.cardCode, {
        kind: 'cancellation_confirmed',
        subject: `use:${ticket.useId}`,
        params: {
          useId: ticket.useId,
          title: ticket.title,
          venue: ticket.venue,
          startsAt: ticket.startsAt,
        },
      })
    } catch (error) {
      logger.error({ err: error, card: event.cardCode }, 'cancellation notice not queued')
    }
  }
}
