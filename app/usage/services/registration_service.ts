import emitter from '@adonisjs/core/services/emitter'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQuery } from '@adonisjs/lucid/types/querybuilder'
import CardUse from '#usage/models/card_use'
import { placesOf, refusalOf, type UsedSoFar } from '#usage/services/use_rules'
import { booksForClients, usageVenueIds } from '#usage/services/usage_scope'
import { settleWaitingEntry } from '#usage/services/waiting_list_holds'
import WaitingListEntry from '#usage/models/waiting_list_entry'
import CardCheckService, { type CardCheck, cardValues } from '#registry/services/card_check_service'
import { CARD_CODE_LENGTH } from '#registry/services/card_code'
import { findCardCode } from '#registry/services/card_code_lookup'
import {
  lockChoice,
  maxOpenBookingsAt,
  openOfferRunsOn,
  type Choice,
  type ChoiceScope,
  type ChosenTarget,
  type Target,
  withChoice,
} from '#offers/services/registration_targets'
import { RESTRICTION_PARAMS, cardPlacesOf, earliestShowDay } from '#offers/services/restrictions'
import { FieldError } from '#core/services/field_error'
import { twinOnFailure } from '#core/services/one_time_form'
import { ZONE, toSqlDateTime, today, finnishDayOf } from '#core/services/time'
import type { StaffMember } from '#core/roles'

const REFUSED = 'usage.refused.'

/** A registration whose target is locked and whose card is checked. */
export type LockedRegistration = {
  card: CardCheck
  code: string
  usedOn: DateTime
  childrenCount: number
  groupSize: number | null
  amount?: number
  /** The box office's user, or no user (a holder's own yes) and the venue. */
  registeredBy: { userId: number | null; organisationId: number }
  submissionKey: string
  /** The venue's limit of open bookings, when read before the lock (it is not under it). */
  maxOpenBookings?: number | null
  /** The moment of the registration, when taken before the lock. */
  now?: DateTime
  /** The show's counts, when read in the lock's statement (`showCounts`). */
  show?: ShowCounts
}

/** A show's places taken by uses and held for others' waiting-list offers, and whether the card waits for it. */
type ShowCounts = { taken: number; held: number; waiting: boolean }

/** What the counts under the lock found: the uses so far, and whether the card waits for the show. */
type Counted = UsedSoFar & { onWaitingList: boolean }

/**
 * A registered use, with its show's card places left after it as counted
 * under the offer's lock (null for an open offer). A repeated submission
 * finds the first one's use and counts nothing: `placesLeft` is undefined.
 */
export type Registered = { use: CardUse; placesLeft?: number | null }

export type RegistrationInput = {
  code: string
  choice: string
  /** The day of the visit, for open offers (exhibitions, series, library fees). */
  usedOn?: Date
  childrenCount?: number
  groupSize?: number
  /** Library fees, in euros. */
  amount?: number
  submissionKey: string
}

/**
 * Registers a card's use at a venue, or refuses it with the reason. The
 * whole check-and-insert runs under a lock on the offer, so the cap holds
 * when many box offices register at once, and the form's submission key
 * makes a double submit or a retried request register once.
 */
export default class RegistrationService {
  constructor(protected cards = new CardCheckService()) {}

  async register(input: RegistrationInput, actor: StaffMember): Promise<Registered> {
    try {
      // `uses.submission_key` is unique: a repeated submission fails to insert and finds the first.
      return await twinOnFailure(
        async () => {
          const use = await CardUse.findBy('submission_key', input.submissionKey)
          return use && { use }
        },
        () => this.#register(input, actor)
      )
    } catch (error) {
      if (error instanceof FieldError && error.messageKey.startsWith(REFUSED)) {
        await emitter.emit('use:refused', { reason: error.messageKey.slice(REFUSED.length) })
      }
      throw error
    }
  }

  async #register(input: RegistrationInput, actor: StaffMember): Promise<Registered> {
    // Today's codes and the old register's imported ones alike (config/card_codes.ts).
    const parsed = await findCardCode(input.code)
    if (!parsed.ok) {
      throw new FieldError('code', `usage.refused.code_${parsed.problem}`, {
        length: CARD_CODE_LENGTH,
      })
    }
    const scope = {
      venueIds: await usageVenueIds(actor),
      publishedOnly: actor.role !== 'venue',
    }
    const registration = { input, actor, code: parsed.code, scope }
    const registered = await withChoice(input.choice, (choice) =>
      this.#registerAt(choice, registration)
    )
    if (!registered) throw new FieldError('choice', 'usage.refused.unknown_choice')
    return registered
  }

  /**
   * The registration under the chosen offer's lock, which one statement
   * takes with the target, the venue's rule, the show's counts and the card
   * (`lockChoice`); null if the choice is not the actor's to register.
   */
  async #registerAt(
    choice: Choice,
    registration: {
      input: RegistrationInput
      actor: StaffMember
      code: string
      scope: ChoiceScope
    }
  ): Promise<Registered | null> {
    const { input, actor, code } = registration
    const now = DateTime.now()
    return db.connection('registry').transaction(async (trx) => {
      const also = [
        ...(choice.occurrenceId ? showCounts(trx, choice.occurrenceId, code, now) : []),
        // Tied to the locked offer's row, so read after the lock (targetStatement).
        ...cardValues(code, trx, { sql: 'offers.id = ?', bindings: [choice.offerId] }),
      ]
      const target = await lockChoice(choice, registration.scope, trx, also)
      if (!target) return null
      const card = await this.cards.fromRow(target.row, code)
      this.#refuseOutOfReach(target, actor, now)
      const usedOn = this.#usedOn(target, input)
      const show = target.occurrence ? showCountsFrom(target.row) : undefined
      const { use, onWaitingList } = await this.#insertLocked(trx, target, {
        card: card(usedOn),
        code,
        usedOn,
        childrenCount: input.childrenCount ?? 0,
        groupSize: input.groupSize ?? null,
        amount: input.amount,
        registeredBy: { userId: actor.id, organisationId: actor.organisationId! },
        submissionKey: input.submissionKey,
        maxOpenBookings: target.maxOpenBookings,
        now,
        show,
      })
      // A card the box office registers for a show leaves the show's waiting list.
      if (onWaitingList) await settleWaitingEntry(trx, use.occurrenceId!, use.cardCode, use.id)
      // Its own hold, if it had one, is settled; the others' still count.
      const placesLeft =
        target.occurrence && show
          ? Math.max(cardPlacesOf(target.occurrence) - show.taken - show.held - use.places, 0)
          : null
      return { use, placesLeft }
    })
  }

  /** A show too far back to record, or (for a distributor booking for a client) not ahead. */
  #refuseOutOfReach(target: ChosenTarget, actor: StaffMember, now: DateTime) {
    const show = target.occurrence
    // Recording afterwards reaches back RECORD_AFTERWARDS_DAYS, as adding a past show does.
    if (show && show.startsAt < earliestShowDay(today())) {
      throw new FieldError('choice', 'usage.refused.too_far_back', RESTRICTION_PARAMS)
    }
    // A distributor books a client's place ahead; the visit itself is the venue's to register.
    if (booksForClients(actor) && !(show && show.startsAt > now)) {
      throw new FieldError('choice', 'usage.refused.booking_not_ahead')
    }
  }

  /**
   * Applies the rules and inserts the use, inside a transaction that holds
   * the offer's lock (`lockTarget`). The box office and a holder's yes to a
   * waiting-list offer both come here, so the same rules hold for both.
   * Places held for other cards' waiting-list offers count as taken.
   */
  async registerLocked(
    trx: TransactionClientContract,
    locked: Target,
    input: LockedRegistration
  ): Promise<CardUse> {
    const { use } = await this.#insertLocked(trx, locked, input)
    return use
  }

  async #insertLocked(
    trx: TransactionClientContract,
    locked: Target,
    input: LockedRegistration
  ): Promise<{ use: CardUse; onWaitingList: boolean }> {
    const { card, code, usedOn } = input
    const now = input.now ?? DateTime.now()
    const maxOpenBookings =
      input.maxOpenBookings !== undefined
        ? input.maxOpenBookings
        : await maxOpenBookingsAt(locked.offer.organisationId, trx)
    const { onWaitingList, ...used } = await this.#usedSoFar(
      trx,
      code,
      locked,
      usedOn,
      maxOpenBookings,
      now,
      input.show
    )
    const attempt = {
      card,
      offer: locked.offer,
      occurrence: locked.occurrence,
      usedOn,
      now,
      childrenCount: input.childrenCount,
      groupSize: card.type === 'community' ? input.groupSize : null,
      amountCents: input.amount !== undefined ? Math.round(input.amount * 100) : null,
      maxOpenBookings,
      used,
    }
    const refusal = refusalOf(attempt)
    if (refusal) throw refusal

    const use = await CardUse.create(
      {
        cardCode: code,
        organisationId: locked.offer.organisationId,
        offerId: locked.offer.id,
        occurrenceId: locked.occurrence?.id ?? null,
        usedOn,
        places: placesOf(attempt),
        childrenCount: attempt.childrenCount,
        groupSize: attempt.groupSize,
        amountCents: attempt.amountCents,
        status: 'registered',
        registeredByUserId: input.registeredBy.userId,
        registeredByOrganisationId: input.registeredBy.organisationId,
        submissionKey: input.submissionKey,
      },
      { client: trx }
    )
    return { use, onWaitingList }
  }

  /** An occurrence's own date; for an open offer the day given (today by default). */
  #usedOn(target: Target, input: RegistrationInput) {
    if (target.occurrence) return finnishDayOf(target.occurrence.startsAt)
    const day = input.usedOn
      ? DateTime.fromJSDate(input.usedOn, { zone: ZONE }).startOf('day')
      : today()
    if (!openOfferRunsOn(target.offer, day)) {
      throw new FieldError('usedOn', 'usage.refused.offer_not_running', {
        from: target.offer.availableFrom,
        until: target.offer.availableUntil,
      })
    }
    if (day > DateTime.now().setZone(ZONE))
      throw new FieldError('usedOn', 'usage.refused.visit_in_future')
    return day
  }

  /**
   * Counted inside the lock, from the uses that are not cancelled, with the
   * places held for other cards' waiting-list offers as taken. Plain reads on
   * purpose: InnoDB takes a transaction's snapshot at its first plain read,
   * which comes after the offer lock, so they see every use committed by the
   * lock's previous holder; locking reads would add gap locks on `uses` and
   * deadlock registrations for neighbouring shows. A show's places, its held
   * places and whether this card waits for it come in one statement: the
   * lock is held meanwhile.
   */
  async #usedSoFar(
    trx: TransactionClientContract,
    code: string,
    target: Target,
    usedOn: DateTime,
    maxOpenBookings: number | null,
    now: DateTime,
    showRead?: ShowCounts
  ): Promise<Counted> {
    const live = () => trx.from('uses').whereNot('status', 'cancelled')
    const sum = async (query: ReturnType<typeof live>, column: string) => {
      const row = await query.sum(`${column} as total`).first()
      return Number(row?.total ?? 0)
    }

    // Only what this offer's rules look at is counted.
    const { offer, occurrence } = target
    const thisYear = () =>
      live()
        .where('offer_id', offer.id)
        .where('card_code', code)
        .whereBetween('used_on', [
          usedOn.startOf('year').toISODate()!,
          usedOn.endOf('year').toISODate()!,
        ])
    const isBooking = occurrence !== null && occurrence.startsAt > now

    const show = occurrence
      ? (showRead ?? (await this.#showCounts(trx, occurrence.id, code, now)))
      : null
    const ticket = offer.oncePerCard
      ? await live().where('offer_id', offer.id).where('card_code', code).select('id').first()
      : null
    const openBookings =
      isBooking && maxOpenBookings !== null
        ? await trx
            .from('uses')
            .join('occurrences', 'occurrences.id', 'uses.occurrence_id')
            .where('uses.status', 'registered')
            .where('uses.card_code', code)
            .where('uses.organisation_id', offer.organisationId)
            .where('occurrences.starts_at', '>', toSqlDateTime(now))
            .count('* as total')
            .first()
        : null
    const visits = offer.yearlyVisits !== null ? await sum(thisYear(), 'places') : 0
    const cents = offer.yearlyEuroCap !== null ? await sum(thisYear(), 'amount_cents') : 0
    return {
      places: show ? show.taken + show.held : 0,
      hasTicketToOffer: Boolean(ticket),
      openBookingsAtVenue: Number(openBookings?.total ?? 0),
      visitsThisYear: visits,
      centsThisYear: cents,
      onWaitingList: show?.waiting ?? false,
    }
  }

  /** The show's counts in a statement of their own (`showCounts`), for a caller that took the lock itself. */
  async #showCounts(
    trx: TransactionClientContract,
    occurrenceId: number,
    code: string,
    now: DateTime
  ): Promise<ShowCounts> {
    const row = await trx
      .from('occurrences')
      .where('id', occurrenceId)
      .select(showCounts(trx, occurrenceId, code, now))
      .first()
    return showCountsFrom(row)
  }
}

/**
 * A show's places taken by uses, held for other cards' open waiting-list
 * offers (as `placesHeld` counts them), and whether the card has an entry on
 * its waiting list: select values about the statement's `occurrences` row,
 * read in the lock's own statement (`lockChoice`) or in one of their own.
 */
function showCounts(
  trx: TransactionClientContract,
  occurrenceId: number,
  code: string,
  now: DateTime
): RawQuery[] {
  return [
    trx.raw(`(SELECT COALESCE(SUM(places), 0) FROM uses
      WHERE occurrence_id = occurrences.id AND status <> 'cancelled') as taken`),
    trx.raw(
      `(SELECT COALESCE(SUM(COALESCE(group_size, 1 + children_count)), 0) FROM waiting_list_entries
        WHERE occurrence_id = occurrences.id AND status = 'offered' AND offer_expires_at > ?
        AND card_code <> ?) as held`,
      [toSqlDateTime(now), code]
    ),
    trx.raw(
      `(SELECT COUNT(*) FROM waiting_list_entries
        WHERE active_key = ? AND occurrence_id = occurrences.id) as waiting`,
      [WaitingListEntry.activeKeyOf(occurrenceId, code)]
    ),
  ]
}

function showCountsFrom(row: Record<string, unknown>): ShowCounts {
  return { taken: Number(row.taken), held: Number(row.held), waiting: Number(row.waiting) > 0 }
}
