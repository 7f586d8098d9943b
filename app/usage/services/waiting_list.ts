import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import WaitingListEntry from '#usage/models/waiting_list_entry'
import { placesHeld } from '#usage/services/waiting_list_holds'
import { waitingListReach, type WaitingOffer } from '#usage/services/waiting_list_port'
import { placesTaken } from '#usage/services/venue_usage'
import CardUse from '#usage/models/card_use'
import CardCheckService from '#registry/services/card_check_service'
import { CARD_CODE_LENGTH } from '#registry/services/card_code'
import { findCardCode } from '#registry/services/card_code_lookup'
import { lockTarget, occurrenceTarget, type Target } from '#offers/services/registration_targets'
import { cardPlacesOf } from '#offers/services/restrictions'
import { placesOf, refusalOfParty } from '#usage/services/use_rules'
import { FieldError } from '#core/services/field_error'
import { momentFromRow, toSqlDateTime, finnishDayOf } from '#core/services/time'
import waitingListConfig from '#config/waiting_list'

/*
| A show's waiting list. Cards join when no card places are left. When a
| place frees, `offerFreedPlaces` runs under the offer's lock (the same lock
| as every registration) and offers it to the first waiting cards whose
| holder can be reached; places held by open offers count as taken for
| everyone else, so open offers + places taken never exceed the card cap.
| A card whose holder cannot be reached (no OmaKaiku account opted in to the
| offer by SMS or e-mail) keeps its place in the queue: it is passed over
| for offers, and the box office gives it a place when the holder turns up.
*/
export type AddedBy = { organisationId: number; userId: number } | null

/** Who comes with the card: children on a personal card, a community card's group. */
export type Party = { childrenCount: number; groupSize: number | null }

const refuse = (reason: string, params: Record<string, unknown> = {}) =>
  new FieldError('code', `usage.waiting.${reason}`, params)

const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; errno?: number }
  return e.code === 'ER_DUP_ENTRY' || e.errno === 1062 || /UNIQUE/i.test(String(e.code ?? ''))
}

/** Card places still free for a new offer: the cap less places taken and held. */
async function placesFree(trx: TransactionClientContract, target: Target, now: DateTime) {
  const occurrence = target.occurrence!
  const takenById = await placesTaken([occurrence.id], trx)
  const taken = takenById.get(occurrence.id) ?? 0
  return cardPlacesOf(occurrence) - taken - (await placesHeld(trx, occurrence.id, null, now))
}

/** Open offers whose hold has run out become `expired`: the place goes to the next. */
async function expireHolds(trx: TransactionClientContract, occurrenceId: number, now: DateTime) {
  const sqlNow = toSqlDateTime(now)
  await WaitingListEntry.query({ client: trx })
    .where('occurrence_id', occurrenceId)
    .where('status', 'offered')
    .where('offer_expires_at', '<=', sqlNow)
    .update({ status: 'expired', active_key: null, updated_at: sqlNow })
}

/**
 * Under the offer's lock (taken by the caller): expired holds end, and the
 * free places are offered to the first reachable waiting cards, in order.
 * Returns the new offers, to be announced once the transaction commits.
 */
export async function offerInLock(
  trx: TransactionClientContract,
  locked: Target,
  now: DateTime = DateTime.now()
): Promise<WaitingOffer[]> {
  const occurrence = locked.occurrence
  if (!occurrence) return []
  await expireHolds(trx, occurrence.id, now)
  if (occurrence.startsAt <= now) return []
  let free = await placesFree(trx, locked, now)
  if (free <= 0) return []
  const waiting = await WaitingListEntry.query({ client: trx })
    .where('occurrence_id', occurrence.id)
    .where('status', 'waiting')
    .orderBy('id')
  if (!waiting.length) return []
  const reachable = await waitingListReach().reachable(waiting.map((entry) => entry.cardCode))
  const expiresAt = now.plus({ hours: waitingListConfig.holdHours })
  const offers: WaitingOffer[] = []
  for (const entry of waiting) {
    if (free <= 0) break
    // A group larger than the places free waits for more; the next in line may fit.
    if (!reachable.has(entry.cardCode) || entry.places > free) continue
    await WaitingListEntry.query({ client: trx })
      .where('id', entry.id)
      .where('status', 'waiting')
      .update({
        status: 'offered',
        offered_at: toSqlDateTime(now),
        offer_expires_at: toSqlDateTime(expiresAt),
        updated_at: toSqlDateTime(now),
      })
    free -= entry.places
    offers.push({
      entryId: entry.id,
      cardCode: entry.cardCode,
      occurrenceId: occurrence.id,
      expiresAt: expiresAt.toUTC().toISO()!,
    })
  }
  return offers
}

/** Announces new offers; a failure is logged and never undoes the offer (the job retries nothing: the hold runs out). */
export async function announceOffers(offers: WaitingOffer[]) {
  if (!offers.length) return
  try {
    await waitingListReach().offerMade(offers)
  } catch (error) {
    logger.error({ err: error, offers: offers.length }, 'waiting-list offers not queued')
  }
}

/**
 * A place may have freed on the show (a cancellation, a hold that ran out,
 * a cap raised): offer what is free to the next on its waiting list.
 * Called from every path that frees a place and from the scheduled job.
 */
export async function offerFreedPlaces(occurrenceId: number, now: DateTime = DateTime.now()) {
  const target = await occurrenceTarget(occurrenceId)
  if (!target) return []
  const offers = await db.connection('registry').transaction(async (trx) => {
    return offerInLock(trx, await lockTarget(target, trx), now)
  })
  await announceOffers(offers)
  return offers
}

/** The scheduled job: on every coming show with a waiting list, holds that ran out end and places are offered. */
export async function offerOnAllLists(now: DateTime = DateTime.now()) {
  const rows = await db
    .connection('registry')
    .from('waiting_list_entries')
    .distinct('occurrence_id')
    .whereIn('status', ['waiting', 'offered'])
  let offered = 0
  for (const row of rows) {
    const offers = await offerFreedPlaces(Number(row.occurrence_id), now)
    offered += offers.length
  }
  return `${rows.length} waiting list(s) checked, ${offered} offer(s) made`
}

/** The card's place in the show's queue (1 = next), counting only cards still on the list. */
export async function positionOf(entry: WaitingListEntry) {
  const row = await WaitingListEntry.query()
    .where('occurrence_id', entry.occurrenceId)
    .whereIn('status', ['waiting', 'offered'])
    .where('id', '<=', entry.id)
    .count('* as total')
    .first()
  return Number(row?.$extras.total ?? 0)
}

/**
 * Puts a card on a show's waiting list: only when no card places are left,
 * for a coming show, a card valid on its day that has no ticket to it yet.
 * Adding a card already on the list returns its entry (a double submit adds once).
 */
export async function joinWaitingList(
  target: Target,
  code: string,
  party: Party,
  addedBy: AddedBy,
  cards = new CardCheckService()
) {
  const occurrence = target.occurrence
  if (!occurrence) throw new FieldError('choice', 'usage.refused.unknown_choice')
  const parsed = await findCardCode(code)
  if (!parsed.ok) {
    throw new FieldError('code', `usage.refused.code_${parsed.problem}`, {
      length: CARD_CODE_LENGTH,
    })
  }
  if (occurrence.startsAt <= DateTime.now()) throw refuse('show_started')
  const key = WaitingListEntry.activeKeyOf(occurrence.id, parsed.code)
  const existing = await WaitingListEntry.findBy('active_key', key)
  if (existing) return existing
  const card = await cards.check(parsed.code, finnishDayOf(occurrence.startsAt))
  if (card.status !== 'valid') throw refuse('card_not_valid')
  const childrenCount = card.type === 'community' ? 0 : party.childrenCount
  const groupSize = card.type === 'community' ? party.groupSize : null
  const partyRefusal = refusalOfParty({ card, offer: target.offer, childrenCount, groupSize })
  if (partyRefusal) throw partyRefusal
  const ticket = await CardUse.query()
    .where('occurrence_id', occurrence.id)
    .where('card_code', parsed.code)
    .where('status', 'registered')
    .first()
  if (ticket) throw refuse('has_ticket')
  const free = await db
    .connection('registry')
    .transaction(async (trx) => placesFree(trx, target, DateTime.now()))
  // A group may wait while fewer places are free than it needs.
  if (free >= placesOf({ card, childrenCount, groupSize })) {
    throw refuse('places_left', { left: free })
  }
  try {
    return await WaitingListEntry.create({
      occurrenceId: occurrence.id,
      cardCode: parsed.code,
      childrenCount,
      groupSize,
      status: 'waiting',
      activeKey: key,
      addedByOrganisationId: addedBy?.organisationId ?? null,
      addedByUserId: addedBy?.userId ?? null,
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    return WaitingListEntry.findByOrFail('active_key', key)
  }
}

/** Takes a card off a show's list (staff or the holder); an open offer's place goes to the next. */
export async function leaveWaitingList(entry: WaitingListEntry) {
  const now = toSqlDateTime(DateTime.now())
  await WaitingListEntry.query()
    .where('id', entry.id)
    .whereIn('status', ['waiting', 'offered'])
    .update({ status: 'removed', active_key: null, answered_at: now, updated_at: now })
  if (entry.status === 'offered') await offerFreedPlaces(entry.occurrenceId)
}

/**
 * Joins by show id, for a distributor or the holder: a published show of
 * any venue. Another venue's unpublished show is "not found" (null).
 */
export async function joinShowWaitingList(
  occurrenceId: number,
  code: string,
  party: Party,
  addedBy: AddedBy
) {
  const target = await occurrenceTarget(occurrenceId)
  if (!target || !target.offer.published) return null
  return joinWaitingList(target, code, party, addedBy)
}

/** Coming published shows with no card places free, for the distributor's choice of show. */
export async function fullComingShows(now: DateTime = DateTime.now()) {
  const rows = await db
    .connection('registry')
    .from('occurrences as o')
    .join('offers as f', 'f.id', 'o.offer_id')
    .where('f.published', true)
    .where('o.starts_at', '>', toSqlDateTime(now))
    .whereNull('o.excluded_kind')
    .select('o.id', 'o.starts_at', 'o.capacity', 'o.card_cap', 'f.title')
    .orderBy('o.starts_at')
    .limit(500)
  const taken = await placesTaken(rows.map((row: { id: number }) => Number(row.id)))
  return rows
    .map((row: any) => ({
      id: Number(row.id),
      title: String(row.title),
      startsAt: momentFromRow(row.starts_at)!,
      left: (row.card_cap ?? row.capacity) - (taken.get(Number(row.id)) ?? 0),
    }))
    .filter((show) => show.left <= 0)
}
