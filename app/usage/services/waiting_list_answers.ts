import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import WaitingListEntry from '#usage/models/waiting_list_entry'
import RegistrationService from '#usage/services/registration_service'
import { announceOffers, offerInLock } from '#usage/services/waiting_list'
import type { WaitingOffer } from '#usage/services/waiting_list_port'
import CardCheckService from '#registry/services/card_check_service'
import { lockTarget, occurrenceTarget } from '#offers/services/registration_targets'
import { FieldError } from '#core/services/field_error'
import { toSqlDateTime, finnishDayOf } from '#core/services/time'

/*
| The holder's answer to a waiting-list offer, by SMS, by the e-mail's
| button or in OmaKaiku. A yes registers the use under the offer's lock with
| the box office's rules (RegistrationService.registerLocked); a no, or a yes
| the rules refuse, passes the place to the next on the list at once.
*/
export type AnswerResult =
  | { outcome: 'accepted'; entry: WaitingListEntry; useId: number }
  | { outcome: 'declined'; entry: WaitingListEntry }
  /** The hold ran out (at `until`): the place has gone to the next. */
  | { outcome: 'expired'; entry: WaitingListEntry; until: DateTime }
  /** Not an open offer (already answered, removed, or never offered). */
  | { outcome: 'not_open'; entry: WaitingListEntry }
  /** The rules refused the registration (the card ended, a ticket elsewhere...). */
  | { outcome: 'refused'; entry: WaitingListEntry; refusal: FieldError }

/** An entry by id (the e-mail's signed link names it). */
export function waitingEntry(entryId: number) {
  return WaitingListEntry.find(entryId)
}

/** A card's entry by id: another card's entry is simply not found. */
export async function entryOfCard(entryId: number, cardCodes: string[]) {
  if (!cardCodes.length) return null
  return WaitingListEntry.query().where('id', entryId).whereIn('card_code', cardCodes).first()
}

/**
 * The offer an SMS answer is about (it names no show): the most recent
 * open offer to any of these cards, else the most recent one whose hold
 * ran out, so that a late yes is answered politely.
 */
export async function latestOffer(cardCodes: string[], now: DateTime = DateTime.now()) {
  if (!cardCodes.length) return null
  const offers = () =>
    WaitingListEntry.query()
      .whereIn('card_code', cardCodes)
      .whereNotNull('offered_at')
      .orderBy('offered_at', 'desc')
      .orderBy('id', 'desc')
  const open = await offers()
    .where('status', 'offered')
    .where('offer_expires_at', '>', toSqlDateTime(now))
    .first()
  return open ?? offers().whereIn('status', ['offered', 'expired']).first()
}

function closed(status: WaitingListEntry['status'], now: DateTime) {
  const at = toSqlDateTime(now)
  return { status, active_key: null, answered_at: at, updated_at: at }
}

/**
 * Answers an open offer. Both answers run under the offer's lock, so two
 * answers at once, a box office and the scheduled job never give one place
 * twice. Answering twice gives the first answer's result.
 */
export async function answerOffer(
  entry: WaitingListEntry,
  yes: boolean,
  now: DateTime = DateTime.now(),
  cards = new CardCheckService()
): Promise<AnswerResult> {
  const target = await occurrenceTarget(entry.occurrenceId)
  if (!target) return { outcome: 'not_open', entry }
  const usedOn = finnishDayOf(target.occurrence!.startsAt)
  const card = yes ? await cards.check(entry.cardCode, usedOn) : null
  let offers: WaitingOffer[] = []

  const result = await db.connection('registry').transaction(async (trx) => {
    const locked = await lockTarget(target, trx)
    const current = await WaitingListEntry.findOrFail(entry.id, { client: trx })
    if (current.status === 'accepted' && yes && current.useId) {
      return { outcome: 'accepted', entry: current, useId: current.useId } as const
    }
    if (current.status !== 'offered') {
      if (current.status === 'expired' && current.offerExpiresAt) {
        return { outcome: 'expired', entry: current, until: current.offerExpiresAt } as const
      }
      return { outcome: 'not_open', entry: current } as const
    }
    if (current.offerExpiresAt && current.offerExpiresAt <= now) {
      await WaitingListEntry.query({ client: trx })
        .where('id', current.id)
        .update(closed('expired', now))
      offers = await offerInLock(trx, locked, now)
      return { outcome: 'expired', entry: current, until: current.offerExpiresAt } as const
    }
    if (!yes) {
      await WaitingListEntry.query({ client: trx })
        .where('id', current.id)
        .update(closed('declined', now))
      offers = await offerInLock(trx, locked, now)
      return { outcome: 'declined', entry: current } as const
    }
    try {
      const use = await new RegistrationService().registerLocked(trx, locked, {
        card: card!,
        code: current.cardCode,
        usedOn,
        childrenCount: current.childrenCount,
        groupSize: current.groupSize,
        registeredBy: { userId: null, organisationId: locked.offer.organisationId },
        submissionKey: `waiting-list-${current.id}`,
      })
      await WaitingListEntry.query({ client: trx })
        .where('id', current.id)
        .update({ ...closed('accepted', now), use_id: use.id })
      return { outcome: 'accepted', entry: current, useId: use.id } as const
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      await WaitingListEntry.query({ client: trx })
        .where('id', current.id)
        .update(closed('removed', now))
      offers = await offerInLock(trx, locked, now)
      return { outcome: 'refused', entry: current, refusal: error } as const
    }
  })
  await announceOffers(offers)
  return result
}
