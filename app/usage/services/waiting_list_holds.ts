import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import WaitingListEntry from '#usage/models/waiting_list_entry'
import { toSqlDateTime } from '#core/services/time'

/*
| What a registration needs to know of a show's waiting list, inside the
| offer's lock: the places held for open offers (they count as taken for
| everyone else), and closing a card's entry once it has its ticket.
*/

/** Card places held by open (unexpired) waiting-list offers on the show, except the given card's own. */
export async function placesHeld(
  trx: TransactionClientContract,
  occurrenceId: number,
  exceptCode: string | null = null,
  now: DateTime = DateTime.now()
) {
  const offers = await WaitingListEntry.query({ client: trx })
    .where('occurrence_id', occurrenceId)
    .where('status', 'offered')
    .where('offer_expires_at', '>', toSqlDateTime(now))
    .if(exceptCode !== null, (query) => query.whereNot('card_code', exceptCode!))
  return offers.reduce((sum, entry) => sum + entry.places, 0)
}

/** The card got its ticket for the show: its entry on the show's list, if any, is settled. */
export async function settleWaitingEntry(
  trx: TransactionClientContract,
  occurrenceId: number,
  cardCode: string,
  useId: number
) {
  const now = toSqlDateTime(DateTime.now())
  await WaitingListEntry.query({ client: trx })
    .where('active_key', WaitingListEntry.activeKeyOf(occurrenceId, cardCode))
    .update({
      status: 'accepted',
      active_key: null,
      use_id: useId,
      answered_at: now,
      updated_at: now,
    })
}

/** Card places held by open waiting-list offers, per show; read in `trx` when given. */
export async function placesHeldAt(
  occurrenceIds: number[],
  trx?: TransactionClientContract,
  now: DateTime = DateTime.now()
): Promise<Map<number, number>> {
  if (!occurrenceIds.length) return new Map()
  const offers = await WaitingListEntry.query({ client: trx })
    .whereIn('occurrence_id', occurrenceIds)
    .where('status', 'offered')
    .where('offer_expires_at', '>', toSqlDateTime(now))
  const held = new Map<number, number>()
  for (const entry of offers) {
    held.set(entry.occurrenceId, (held.get(entry.occurrenceId) ?? 0) + entry.places)
  }
  return held
}
