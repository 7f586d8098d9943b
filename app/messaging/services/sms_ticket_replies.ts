import { DateTime } from 'luxon'
import i18nManager from '@adonisjs/i18n/services/main'
import { ATTENDANCE_ANSWERS, type TicketReply } from '#messaging/services/sms_replies'
import { cardsByPhone } from '#omakaiku/services/message_consent'
import {
  askedTicket,
  confirmAttendance,
  markAttendanceAsked,
  nextTicket,
} from '#usage/services/attendance'
import UseChanges from '#usage/services/use_changes'
import type { TicketNotice } from '#usage/services/ticket_notices'
import { FieldError } from '#core/services/field_error'
import { formatDate, formatTime } from '#core/services/formatting'
import { ZONE } from '#core/services/time'

/*
| What a holder's SMS does to their tickets, through the same services as
| OmaKaiku's buttons: SEURAAVA tells the next ticket; PERU asks about the
| next ticket and "2" cancels it; "1" confirms the ticket a reminder asked
| about. Returns the reply's text in the holder's language.
*/
export async function answerTicketReply(
  phone: string,
  reply: TicketReply,
  now: DateTime = DateTime.now()
) {
  const holders = await cardsByPhone(phone)
  const i18n = i18nManager.locale(holders[0]?.locale ?? 'fi')
  const say = (key: string, ticket?: TicketNotice) =>
    i18n.t(`messaging.sms_reply.ticket.${key}`, {
      ...ATTENDANCE_ANSWERS,
      ...(ticket ? describe(ticket, i18n.locale) : {}),
    })
  const codes = holders.map((holder) => holder.cardCode)
  if (!codes.length) return say('unknown_number')

  if (reply === 'next' || reply === 'cancel') {
    const ticket = await nextTicket(codes, now)
    if (!ticket) return say('no_ticket')
    if (reply === 'next') return say('next', ticket)
    await markAttendanceAsked([ticket.useId], now)
    return say('cancel_ask', ticket)
  }

  const ticket = await askedTicket(codes, now)
  if (!ticket) return say('nothing_asked')
  try {
    if (reply === 'coming') {
      await confirmAttendance(ticket.cardCode, ticket.useId, now)
      return say('coming', ticket)
    }
    await new UseChanges().cancelByHolder(ticket.cardCode, ticket.useId)
    return say('cancelled', ticket)
  } catch (error) {
    if (!(error instanceof FieldError)) throw error
    return say('not_changeable', ticket)
  }
}

function describe(ticket: TicketNotice, locale: string) {
  const start = DateTime.fromISO(ticket.startsAt).setZone(ZONE)
  return {
    title: ticket.title,
    venue: ticket.venue,
    date: formatDate(start, locale),
    time: formatTime(start, locale),
  }
}
