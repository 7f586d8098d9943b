import { type DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { momentFromRow, toSqlDateTime } from '#core/services/time'

/*
| What the messaging module needs to know of tickets and visits to remind
| and thank cardholders: the event, its time and place, and the card code.
| Read-only, by time window or by use.
*/
export type TicketNotice = {
  useId: number
  cardCode: string
  offerId: number
  title: string
  venue: string
  location: string
  startsAt: string
}

function tickets() {
  return db
    .connection('registry')
    .from('uses as u')
    .join('occurrences as o', 'o.id', 'u.occurrence_id')
    .join('offers as f', 'f.id', 'u.offer_id')
    .join('organisations as v', 'v.id', 'u.organisation_id')
    .select(
      'u.id',
      'u.card_code',
      'u.offer_id',
      'f.title',
      'v.name as venue',
      'f.location',
      'o.starts_at'
    )
}

function toNotice(row: any): TicketNotice {
  const startsAt = momentFromRow(row.starts_at)!
  return {
    useId: Number(row.id),
    cardCode: row.card_code,
    offerId: Number(row.offer_id),
    title: row.title,
    venue: row.venue,
    location: row.location,
    startsAt: startsAt.toUTC().toISO()!,
  }
}

/**
 * Registered tickets to shows that start in [from, to). A show added after
 * it had started (recording afterwards) is left out: its visits are long
 * past, and nobody is reminded of it or thanked for it.
 */
export async function ticketsStartingBetween(from: DateTime, to: DateTime) {
  const rows = await tickets()
    .where('u.status', 'registered')
    .whereColumn('o.created_at', '<=', 'o.starts_at')
    .where('o.starts_at', '>=', toSqlDateTime(from))
    .where('o.starts_at', '<', toSqlDateTime(to))
  return rows.map(toNotice)
}

/** One ticket, whatever its state (for the confirmation of a cancellation). */
export async function ticketNotice(useId: number) {
  const row = await tickets().where('u.id', useId).first()
  return row ? toNotice(row) : null
}

/** Each ticket's state (registered, cancelled, no_show) by use id; a deleted ticket is missing. */
export async function ticketStatuses(useIds: number[]): Promise<Map<number, string>> {
  const rows = useIds.length
    ? await db.connection('registry').from('uses').select('id', 'status').whereIn('id', useIds)
    : []
  return new Map(rows.map((row: { id: number; status: string }) => [Number(row.id), row.status]))
}

/**
 * The cards that have been to the venue (to one of its offers, if given):
 * registered uses whose day has come. Codes only, each once.
 */
export async function pastVisitorCodes(venueId: number, offerId: number | null, today: DateTime) {
  const query = db
    .connection('registry')
    .from('uses')
    .distinct('card_code')
    .where('organisation_id', venueId)
    .where('status', 'registered')
    .where('used_on', '<=', today.toISODate()!)
  if (offerId !== null) query.where('offer_id', offerId)
  const rows = await query
  return rows.map((row: { card_code: string }) => row.card_code)
}
