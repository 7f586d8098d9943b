import type OutboxMessage from '#messaging/models/outbox_message'
import type { MessageKind } from '#messaging/message_kinds'
import { cardEndings } from '#registry/services/card_notices'
import { ticketStatuses } from '#usage/services/ticket_notices'
import { openWaitingOffers } from '#usage/services/waiting_list_views'

/*
| A queued message can stop being true before it is sent: a card extended
| after its expiry notice was queued, a ticket cancelled before its
| reminder. Like consent, the reason for each message is checked again just
| before sending, and a message whose reason is gone is skipped.
*/
type Facts = {
  cards: Map<string, { status: string; validUntil: string }>
  tickets: Map<number, string>
  campaignIds: Set<number>
  openOffers: Set<number>
}

const TICKET_KINDS: MessageKind[] = ['ticket_reminder', 'visit_thanks', 'cancellation_confirmed']
const CARD_KINDS: MessageKind[] = ['card_expiring', 'card_extended']

/** Why the message no longer holds, or null when it still does. */
function whyNot(message: OutboxMessage, facts: Facts): string | null {
  const { params } = message
  switch (message.kind) {
    case 'card_expiring': {
      const card = facts.cards.get(message.cardCode)
      if (card?.status !== 'active') return 'the card is no longer valid'
      return card.validUntil === params.validUntil ? null : 'the card no longer ends on that date'
    }
    case 'card_extended': {
      const card = facts.cards.get(message.cardCode)
      return card?.validUntil === params.validUntil ? null : 'the card no longer ends on that date'
    }
    case 'ticket_reminder':
    case 'visit_thanks': {
      const status = facts.tickets.get(Number(params.useId))
      if (status === undefined) return 'the ticket no longer exists'
      return status === 'registered' ? null : `the ticket is ${status}`
    }
    case 'waiting_list_offer':
      return facts.openOffers.has(Number(params.entryId)) ? null : 'the offer is no longer open'
    case 'cancellation_confirmed': {
      const status = facts.tickets.get(Number(params.useId))
      return status === 'cancelled' ? null : 'the ticket is no longer cancelled'
    }
    default:
      // Staff messages hold while their campaign exists.
      return message.campaignId !== null && facts.campaignIds.has(message.campaignId)
        ? null
        : 'the staff message no longer exists'
  }
}

/**
 * For a batch of messages, why each one whose reason is gone should not be
 * sent (by outbox id). `campaignIds` are the campaigns that still exist.
 */
export async function messagesNoLongerTrue(messages: OutboxMessage[], campaignIds: Set<number>) {
  const codes = messages.filter((m) => CARD_KINDS.includes(m.kind)).map((m) => m.cardCode)
  const useIds = messages
    .filter((m) => TICKET_KINDS.includes(m.kind))
    .map((m) => Number(m.params.useId))
  const entryIds = messages
    .filter((m) => m.kind === 'waiting_list_offer')
    .map((m) => Number(m.params.entryId))
  const [cards, tickets, openOffers] = await Promise.all([
    cardEndings([...new Set(codes)]),
    ticketStatuses([...new Set(useIds)]),
    openWaitingOffers([...new Set(entryIds)]),
  ])
  const facts = { cards, tickets, campaignIds, openOffers }
  const stale = new Map<number, string>()
  for (const message of messages) {
    const reason = whyNot(message, facts)
    if (reason) stale.set(message.id, reason)
  }
  return stale
}
