import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import CardUse from '#usage/models/card_use'
import UseChanges from '#usage/services/use_changes'
import { ticketNotice, type TicketNotice } from '#usage/services/ticket_notices'
import { FieldError } from '#core/services/field_error'
import { momentFromRow, toSqlDateTime } from '#core/services/time'
import { unconfirmedReleaseHours } from '#offers/services/registration_targets'
import { rowsChanged } from '#core/services/rows_changed'

/*
| Confirming attendance: a holder asked whether they are coming (by the
| reminder's question, or after their own PERU) answers yes or cancels. A
| venue may release the bookings left unconfirmed some hours before the show.
| Only a holder who was asked can lose a booking this way.
*/

/** How long an answer refers to the question asked: a reminder goes at most two days ahead. */
const QUESTION_DAYS = 3

const upcomingTickets = (cardCodes: string[], now: DateTime) =>
  db
    .connection('registry')
    .from('uses')
    .join('occurrences', 'occurrences.id', 'uses.occurrence_id')
    .whereIn('uses.card_code', cardCodes)
    .where('uses.status', 'registered')
    .where('occurrences.starts_at', '>', toSqlDateTime(now))
    .orderBy('occurrences.starts_at')
    .orderBy('uses.id')
    .select('uses.id')

/** The soonest ticket still to come of any of these cards (a phone may serve more than one). */
export async function nextTicket(cardCodes: string[], now: DateTime = DateTime.now()) {
  if (!cardCodes.length) return null
  const row = await upcomingTickets(cardCodes, now).first()
  return row ? ticketNotice(Number(row.id)) : null
}

/** The soonest ticket to come whose holder was asked lately whether they are coming: what "1" or "2" answers. */
export async function askedTicket(
  cardCodes: string[],
  now: DateTime = DateTime.now()
): Promise<TicketNotice | null> {
  if (!cardCodes.length) return null
  const row = await upcomingTickets(cardCodes, now)
    .where('uses.attendance_asked_at', '>=', toSqlDateTime(now.minus({ days: QUESTION_DAYS })))
    .first()
  return row ? ticketNotice(Number(row.id)) : null
}

/**
 * Records that the holders of these tickets were asked whether they are
 * coming. A reminder job that runs every few minutes marks only tickets not
 * asked lately (`refresh: false`); a holder's own PERU asks again.
 */
export async function markAttendanceAsked(
  useIds: number[],
  now: DateTime = DateTime.now(),
  { refresh = true } = {}
) {
  if (!useIds.length) return
  const since = toSqlDateTime(now.minus({ days: QUESTION_DAYS }))
  await CardUse.query()
    .whereIn('id', useIds)
    .where('status', 'registered')
    .if(!refresh, (query) =>
      query.where((asked) =>
        asked.whereNull('attendance_asked_at').orWhere('attendance_asked_at', '<', since)
      )
    )
    .update({ attendance_asked_at: toSqlDateTime(now) })
}

/** The holder says they are coming: the booking is kept whatever the venue's release rule. */
export async function confirmAttendance(
  cardCode: string,
  useId: number,
  now: DateTime = DateTime.now()
) {
  const changed = await CardUse.query()
    .where('id', useId)
    .where('card_code', cardCode)
    .where('status', 'registered')
    .update({ attendance_confirmed_at: toSqlDateTime(now), updated_at: toSqlDateTime(now) })
  if (!rowsChanged(changed)) {
    throw new FieldError('form', 'usage.not_changeable')
  }
}

/**
 * The release job: bookings at venues that release unconfirmed ones, whose
 * holder was asked and did not confirm, for shows starting within the
 * venue's hours. Each is cancelled like a venue's cancellation, so its
 * place is free again. Returns how many were released.
 */
export async function releaseUnconfirmed(now: DateTime = DateTime.now()) {
  const hoursAt = await unconfirmedReleaseHours()
  if (!hoursAt.size) return 0
  const due = await db
    .connection('registry')
    .from('uses')
    .join('occurrences', 'occurrences.id', 'uses.occurrence_id')
    .whereIn('uses.organisation_id', [...hoursAt.keys()])
    .where('uses.status', 'registered')
    .whereNotNull('uses.attendance_asked_at')
    .whereNull('uses.attendance_confirmed_at')
    .where('occurrences.starts_at', '>', toSqlDateTime(now))
    .select('uses.id', 'uses.organisation_id', 'occurrences.starts_at')
  const changes = new UseChanges()
  let released = 0
  for (const row of due) {
    const releaseAt = momentFromRow(row.starts_at)!.minus({
      hours: hoursAt.get(Number(row.organisation_id))!,
    })
    if (releaseAt > now) continue
    const use = await CardUse.find(row.id)
    if (use && (await changes.releaseUnconfirmed(use))) released++
  }
  return released
}
