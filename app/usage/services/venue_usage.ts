import CardUse from '#usage/models/card_use'
import { placesHeldAt } from '#usage/services/waiting_list_holds'
import type { Occurrence } from '#offers/services/registration_targets'
import { cardPlacesOf } from '#offers/services/restrictions'
import { toCsv } from '#core/services/csv'
import { organisationNames } from '#registry/services/directory'
import { bookerOf } from '#usage/services/client_bookings'
import type { ListedEntry } from '#usage/services/waiting_list_views'
import { ZONE, toSqlDateTime } from '#core/services/time'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export const INBOX_PAGE_SIZE = 25

/** Card places taken (not cancelled) per occurrence; read in `trx` when given. */
export async function placesTaken(
  occurrenceIds: number[],
  trx?: TransactionClientContract
): Promise<Map<number, number>> {
  if (!occurrenceIds.length) return new Map()
  const rows = await CardUse.query({ client: trx })
    .select('occurrence_id')
    .sum('places as taken')
    .whereIn('occurrence_id', occurrenceIds)
    .whereNot('status', 'cancelled')
    .groupBy('occurrence_id')
  return new Map(rows.map((row) => [row.occurrenceId!, Number(row.$extras.taken)]))
}

/**
 * Card places given out per occurrence: taken by uses, or held for an open
 * waiting-list offer. What the cap is compared with everywhere but the
 * registration itself (which counts the same inside its lock).
 */
export async function placesGiven(
  occurrenceIds: number[],
  trx?: TransactionClientContract
): Promise<Map<number, number>> {
  const [taken, held] = await Promise.all([
    placesTaken(occurrenceIds, trx),
    placesHeldAt(occurrenceIds, trx),
  ])
  return new Map(occurrenceIds.map((id) => [id, (taken.get(id) ?? 0) + (held.get(id) ?? 0)]))
}

/** Card places still free under each occurrence's cap, for cardholders choosing an event. */
export async function placesLeft(occurrences: Occurrence[]): Promise<Map<number, number>> {
  const given = await placesGiven(occurrences.map((occurrence) => occurrence.id))
  return new Map(
    occurrences.map((occurrence) => [
      occurrence.id,
      Math.max(cardPlacesOf(occurrence) - (given.get(occurrence.id) ?? 0), 0),
    ])
  )
}

/** Whether any use (even a cancelled one) refers to the occurrence: then it stays, as history. */
export async function hasUses(occurrenceId: number, trx?: TransactionClientContract) {
  const use = await CardUse.query({ client: trx })
    .where('occurrence_id', occurrenceId)
    .select('id')
    .first()
  return Boolean(use)
}

/**
 * An occurrence's uses, places taken and places left under its cap, and the
 * names of the organisations that booked places on a holder's behalf.
 */
export async function rosterOf(occurrence: Occurrence) {
  const uses = await CardUse.query().where('occurrence_id', occurrence.id).orderBy('id')
  const taken = uses.filter((use) => use.status !== 'cancelled').reduce((n, u) => n + u.places, 0)
  const cap = cardPlacesOf(occurrence)
  const bookers = await organisationNames(uses.flatMap((use) => bookerOf(use) ?? []))
  return { uses, taken, cap, left: Math.max(cap - taken, 0), bookers }
}

/**
 * The roster as CSV for the box office: codes only, never names. The cards
 * still waiting for a place follow the uses, with their status on the list.
 */
export function rosterCsv(
  uses: CardUse[],
  bookers: Map<number, string>,
  waiting: ListedEntry[],
  headings: string[],
  statusLabel: (status: CardUse['status']) => string,
  waitingLabel: (entry: ListedEntry) => string
) {
  const at = (moment: DateTime) => moment.setZone(ZONE).toFormat('yyyy-MM-dd HH:mm')
  return toCsv([
    headings,
    ...uses.map((use) => [
      use.cardCode,
      use.places,
      use.childrenCount,
      use.groupSize ?? '',
      statusLabel(use.status),
      at(use.createdAt),
      bookers.get(bookerOf(use) ?? 0) ?? '',
    ]),
    ...waiting
      .filter((entry) => entry.position !== null)
      .map((entry) => [
        entry.cardCode,
        entry.places,
        entry.childrenCount,
        entry.groupSize ?? '',
        waitingLabel(entry),
        at(entry.joinedAt),
        '',
      ]),
  ])
}

/** The venue's uses that cardholders cancelled: what its inbox lists. */
const holderCancellations = (venueId: number) =>
  CardUse.query().where('organisation_id', venueId).where('cancelled_by', 'holder')

/** Cancellations cardholders made, for the venue's inbox, newest first. */
export async function inbox(venueId: number, page: number) {
  return holderCancellations(venueId)
    .orderBy('cancelled_at', 'desc')
    .orderBy('id', 'desc')
    .paginate(page, INBOX_PAGE_SIZE)
}

export async function unreadInboxCount(venueId: number) {
  const row = await holderCancellations(venueId).whereNull('seen_at').count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}

export async function markInboxSeen(venueId: number) {
  await holderCancellations(venueId)
    .whereNull('seen_at')
    .update({ seen_at: toSqlDateTime(DateTime.now()) })
}
