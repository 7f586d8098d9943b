import type { NotificationKind } from '#omakaiku/services/message_consent'

/*
| Every kind of message a cardholder can get, and the choice in OmaKaiku's
| notification settings that lets it through. Nothing is sent for a kind
| the holder has not chosen.
*/
export const MESSAGE_KINDS = {
  // Automatic, from the scheduled jobs and the holder's own actions.
  ticket_reminder: 'ticketReminders',
  cancellation_confirmed: 'ticketReminders',
  visit_thanks: 'ticketReminders',
  card_expiring: 'cardExpiry',
  card_extended: 'cardExpiry',
  // A freed place offered from a show's waiting list: a ticket matter, so the ticket choice lets it through.
  waiting_list_offer: 'ticketReminders',
  // Written by staff.
  venue_news: 'venueNews',
  seats_left: 'seatsLeft',
  recommendation: 'recommendations',
  distributor_message: 'distributorMessages',
  announcement: 'announcements',
} as const satisfies Record<string, NotificationKind>

export type MessageKind = keyof typeof MESSAGE_KINDS

export const CHANNELS = ['email', 'sms'] as const
export type Channel = (typeof CHANNELS)[number]

export function isMessageKind(value: string): value is MessageKind {
  return Object.hasOwn(MESSAGE_KINDS, value)
}
