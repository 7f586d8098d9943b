import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import WaitingListEntry, { ACTIVE_STATUSES } from '#usage/models/waiting_list_entry'
import { momentFromRow, toSqlDateTime } from '#core/services/time'

/*
| What each side sees of waiting lists: the venue a show's list (codes only,
| position, status, the use each accepted offer became), the holder their
| own cards' lists, messaging the facts of one offer for its message.
*/
export type ListedEntry = {
  id: number
  cardCode: string
  status: WaitingListEntry['status']
  /** Place in the queue while on the list; null once off it. */
  position: number | null
  offerExpiresAt: DateTime | null
  useId: number | null
  addedByHolder: boolean
  /** Card places the card waits for: the holder and children, or a community card's group. */
  places: number
  childrenCount: number
  groupSize: number | null
  joinedAt: DateTime
}

function listed(entries: WaitingListEntry[]): ListedEntry[] {
  let position = 0
  return entries.map((entry) => ({
    id: entry.id,
    cardCode: entry.cardCode,
    status: entry.status,
    position: ACTIVE_STATUSES.includes(entry.status) ? ++position : null,
    offerExpiresAt: entry.offerExpiresAt,
    useId: entry.useId,
    addedByHolder: entry.addedByOrganisationId === null,
    places: entry.places,
    childrenCount: entry.childrenCount,
    groupSize: entry.groupSize,
    joinedAt: entry.createdAt,
  }))
}

/** A show's waiting list for its venue, in the order cards joined. */
export async function waitingListOf(occurrenceId: number) {
  const entries = await WaitingListEntry.query().where('occurrence_id', occurrenceId).orderBy('id')
  return listed(entries)
}

export type HolderEntry = ListedEntry & {
  occurrenceId: number
  offerId: number
  title: string
  startsAt: DateTime
}

/** The card's lists for coming shows, with the card's place in each. */
export async function waitingListsOfCard(cardCode: string): Promise<HolderEntry[]> {
  const own = await WaitingListEntry.query()
    .where('card_code', cardCode)
    .whereIn('status', [...ACTIVE_STATUSES, 'accepted', 'expired'])
    .orderBy('id')
  if (!own.length) return []
  const shows = await db
    .connection('registry')
    .from('occurrences as o')
    .join('offers as f', 'f.id', 'o.offer_id')
    .whereIn(
      'o.id',
      own.map((entry) => entry.occurrenceId)
    )
    .where('o.starts_at', '>', toSqlDateTime(DateTime.now()))
    .select('o.id', 'o.offer_id', 'o.starts_at', 'f.title')
  const byId = new Map(shows.map((row: any) => [Number(row.id), row]))
  const result: HolderEntry[] = []
  for (const entry of own) {
    const show = byId.get(entry.occurrenceId)
    if (!show) continue
    const all = listed(
      await WaitingListEntry.query().where('occurrence_id', entry.occurrenceId).orderBy('id')
    )
    result.push({
      ...all.find((item) => item.id === entry.id)!,
      occurrenceId: entry.occurrenceId,
      offerId: Number(show.offer_id),
      title: show.title,
      startsAt: momentFromRow(show.starts_at)!,
    })
  }
  return result.sort((a, b) => a.startsAt.toMillis() - b.startsAt.toMillis())
}

/** Every entry the registry keeps of the card, past shows too, for the holder's "my data". */
export async function everyWaitingEntryOf(cardCode: string) {
  const rows = await db
    .connection('registry')
    .from('waiting_list_entries as w')
    .join('occurrences as o', 'o.id', 'w.occurrence_id')
    .join('offers as f', 'f.id', 'o.offer_id')
    .where('w.card_code', cardCode)
    .orderBy('w.id')
    .select(
      'w.id',
      'w.status',
      'w.children_count',
      'w.group_size',
      'w.created_at',
      'w.offered_at',
      'w.offer_expires_at',
      'w.answered_at',
      'w.use_id',
      'w.added_by_organisation_id',
      'o.starts_at',
      'f.title'
    )
  const iso = (value: unknown) => momentFromRow(value)?.toISO() ?? null
  return rows.map((row: any) => ({
    id: Number(row.id),
    event: row.title as string,
    when: iso(row.starts_at),
    status: row.status as WaitingListEntry['status'],
    childrenCount: Number(row.children_count),
    groupSize: row.group_size === null ? null : Number(row.group_size),
    joinedAt: iso(row.created_at),
    addedByHolder: row.added_by_organisation_id === null,
    offeredAt: iso(row.offered_at),
    offerExpiresAt: iso(row.offer_expires_at),
    answeredAt: iso(row.answered_at),
    becameUse: row.use_id === null ? null : Number(row.use_id),
  }))
}

/** The card's active entry on a show's list, if any. */
export async function activeEntryOf(occurrenceId: number, cardCode: string) {
  return WaitingListEntry.findBy('active_key', WaitingListEntry.activeKeyOf(occurrenceId, cardCode))
}

export type WaitingOfferNotice = {
  entryId: number
  cardCode: string
  offerId: number
  title: string
  venue: string
  startsAt: string
  expiresAt: string
}

/** One offer's facts for its message; null once it is no longer open. */
export async function waitingOfferNotice(entryId: number): Promise<WaitingOfferNotice | null> {
  const row = await db
    .connection('registry')
    .from('waiting_list_entries as w')
    .join('occurrences as o', 'o.id', 'w.occurrence_id')
    .join('offers as f', 'f.id', 'o.offer_id')
    .join('organisations as v', 'v.id', 'f.organisation_id')
    .where('w.id', entryId)
    .where('w.status', 'offered')
    .select('w.id', 'w.card_code', 'w.offer_expires_at', 'o.starts_at', 'f.id as offer_id')
    .select('f.title', 'v.name as venue')
    .first()
  if (!row) return null
  return {
    entryId: Number(row.id),
    cardCode: row.card_code,
    offerId: Number(row.offer_id),
    title: row.title,
    venue: row.venue,
    startsAt: momentFromRow(row.starts_at)!.toUTC().toISO()!,
    expiresAt: momentFromRow(row.offer_expires_at)!.toUTC().toISO()!,
  }
}

/** Whether each offer is still open (offered and its hold not run out), by entry id. */
export async function openWaitingOffers(entryIds: number[], now: DateTime = DateTime.now()) {
  if (!entryIds.length) return new Set<number>()
  const rows = await WaitingListEntry.query()
    .whereIn('id', entryIds)
    .where('status', 'offered')
    .where('offer_expires_at', '>', toSqlDateTime(now))
    .select('id')
  return new Set(rows.map((row) => row.id))
}
