import { DateTime } from 'luxon'
import { errors } from '@adonisjs/lucid'
import CardUse from '#usage/models/card_use'
import UseFeedback from '#usage/models/use_feedback'
import { describeTargets } from '#offers/services/registration_targets'
import { organisationNames } from '#registry/services/directory'
import { ZONE, finnishDayOf } from '#core/services/time'
import { bookerOf } from '#usage/services/client_bookings'

/*
| A cardholder's own uses, found by the card's code, for OmaKaiku: tickets
| to come (cancellable until the event starts) and the history of the rest.
*/
export type HolderUse = {
  id: number
  offerId: number
  title: string
  /** The language the venue wrote the title in (its lang attribute). */
  titleLang: string
  venueName: string
  /** The organisation that booked the place on the holder's behalf (a distributor, a ticket agent); null when the venue did. */
  bookedBy: string | null
  /** The event's start, or the day of the visit for an open offer. */
  when: DateTime
  timed: boolean
  status: CardUse['status']
  cancelledBy: CardUse['cancelledBy']
  places: number
  childrenCount: number
  feedbackGiven: boolean
  /** Asked whether they are coming (a reminder's question), and whether they said yes. */
  attendanceAsked: boolean
  attendanceConfirmed: boolean
}

/** Whether the event has begun (or the visit day has come): no cancelling, feedback welcome. */
export function hasStarted(use: Pick<HolderUse, 'when' | 'timed'>, now = DateTime.now()) {
  return use.timed ? use.when <= now : use.when.startOf('day') <= finnishDayOf(now)
}

/** A ticket the holder may still cancel: registered, and the event has not started. */
export function isCancellable(use: HolderUse) {
  return use.status === 'registered' && !hasStarted(use)
}

/** All of the card's uses, newest first (one of them, given its id). */
export async function usesOf(code: string, only?: number): Promise<HolderUse[]> {
  const query = CardUse.query()
    .where('card_code', code)
    .orderBy('used_on', 'desc')
    .orderBy('id', 'desc')
  if (only !== undefined) query.where('id', only)
  const uses = await query
  if (!uses.length) return []
  const [{ titles, languages, starts }, venues, feedback] = await Promise.all([
    describeTargets(uses),
    organisationNames(uses.flatMap((use) => [use.organisationId, use.registeredByOrganisationId])),
    UseFeedback.query()
      .select('use_id')
      .whereIn(
        'use_id',
        uses.map((use) => use.id)
      ),
  ])
  const answered = new Set(feedback.map((row) => row.useId))
  return uses.map((use) => {
    const startsAt = use.occurrenceId ? starts.get(use.occurrenceId) : undefined
    return {
      id: use.id,
      offerId: use.offerId,
      title: titles.get(use.offerId) ?? '',
      titleLang: languages.get(use.offerId) ?? 'fi',
      venueName: venues.get(use.organisationId) ?? '',
      bookedBy:
        bookerOf(use) === null ? null : (venues.get(use.registeredByOrganisationId) ?? null),
      when: startsAt ?? use.usedOn.setZone(ZONE, { keepLocalTime: true }),
      timed: Boolean(startsAt),
      status: use.status,
      cancelledBy: use.cancelledBy,
      places: use.places,
      childrenCount: use.childrenCount,
      feedbackGiven: answered.has(use.id),
      attendanceAsked: use.attendanceAskedAt !== null,
      attendanceConfirmed: use.attendanceConfirmedAt !== null,
    }
  })
}

/** Tickets still to come: registered, and the event has not started. Soonest first. */
export async function ticketsOf(code: string) {
  const uses = await usesOf(code)
  return uses.filter(isCancellable).sort((a, b) => a.when.toMillis() - b.when.toMillis())
}

/** Everything else: past events and visits, and cancelled tickets. Newest first. */
export async function historyOf(code: string) {
  const uses = await usesOf(code)
  return uses.filter((use) => !isCancellable(use))
}

/** One of the card's own uses, or null: another card's use id tells nothing. */
export async function holderUse(code: string, useId: number) {
  const [use] = await usesOf(code, useId)
  return use ?? null
}

/** One of the card's own uses; another card's use id is "not found", like a missing one. */
export async function holderUseOrFail(code: string, useId: number) {
  const use = await holderUse(code, useId)
  if (!use) throw new errors.E_ROW_NOT_FOUND(CardUse)
  return use
}
