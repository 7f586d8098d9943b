import type { DateTime } from 'luxon'
import type { CardCheck } from '#registry/services/card_check_service'
import type { Occurrence, Offer } from '#offers/services/registration_targets'
import { GROUP_SIZE, bookingOpensAt, cardPlacesOf } from '#offers/services/restrictions'
import { FieldError } from '#core/services/field_error'

/** What the card has already used, counted inside the registration's lock. */
export type UsedSoFar = {
  /** Card places taken on the occurrence (or on the open offer that day). */
  places: number
  hasTicketToOffer: boolean
  openBookingsAtVenue: number
  visitsThisYear: number
  centsThisYear: number
}

export type UseAttempt = {
  card: CardCheck
  offer: Pick<
    Offer,
    | 'type'
    | 'childrenAllowed'
    | 'oncePerCard'
    | 'weekendsExcluded'
    | 'bookingOpensDays'
    | 'yearlyVisits'
    | 'yearlyEuroCap'
  >
  occurrence: Pick<Occurrence, 'startsAt' | 'capacity' | 'cardCap' | 'excludedKind'> | null
  /** The day of the visit: a show's own day (Finnish time), or the day given for an open offer. */
  usedOn: DateTime
  now: DateTime
  childrenCount: number
  groupSize: number | null
  amountCents: number | null
  maxOpenBookings: number | null
  used: UsedSoFar
}

/** Card places a use takes: the community group, or the holder and the children. */
export function placesOf(attempt: Pick<UseAttempt, 'card' | 'childrenCount' | 'groupSize'>) {
  return attempt.card.type === 'community' ? (attempt.groupSize ?? 0) : 1 + attempt.childrenCount
}

const refuse = (field: string, reason: string, params: Record<string, unknown> = {}) =>
  new FieldError(field, `usage.refused.${reason}`, params)

/**
 * Who comes with the card: a community card's group within the limits, and
 * no more children than the card names, to an offer that takes children.
 * Also asked when a card joins a waiting list, so a yes later cannot fail on it.
 */
export function refusalOfParty(
  attempt: Pick<UseAttempt, 'card' | 'childrenCount' | 'groupSize'> & {
    offer: Pick<Offer, 'childrenAllowed'>
  }
): FieldError | null {
  const { card, offer } = attempt
  if (card.type === 'community') {
    const size = attempt.groupSize
    if (size === null || size < GROUP_SIZE.min || size > GROUP_SIZE.max) {
      return refuse('groupSize', 'group_size', GROUP_SIZE)
    }
  }
  if (attempt.childrenCount > 0 && !offer.childrenAllowed) {
    return refuse('childrenCount', 'children_not_allowed')
  }
  if (attempt.childrenCount > (card.childrenCount ?? 0)) {
    return refuse('childrenCount', 'too_many_children', { count: card.childrenCount ?? 0 })
  }
  return null
}

/**
 * Every rule of the operating model for one registration, in the order a
 * box-office worker would explain them. Returns the first refusal, with a
 * reason they can repeat to the cardholder, or null when the use is allowed.
 */
export function refusalOf(attempt: UseAttempt): FieldError | null {
  const { card, offer, occurrence, used } = attempt
  if (card.status === 'unknown') return refuse('code', 'unknown_code')
  if (card.status === 'replaced') return refuse('code', 'replaced')
  if (card.status === 'not_registered') return refuse('code', 'not_registered')
  if (card.status === 'cancelled') return refuse('code', 'cancelled')
  if (card.status === 'withdrawn') return refuse('code', 'withdrawn')
  if (card.status === 'ended') return refuse('code', 'ended')
  if (card.status !== 'valid') {
    return refuse('code', 'not_valid_on_date', {
      date: attempt.usedOn,
      validUntil: card.validUntil,
    })
  }

  if (occurrence?.excludedKind) return refuse('choice', `excluded_${occurrence.excludedKind}`)
  if (offer.weekendsExcluded && attempt.usedOn.weekday >= 6) {
    return refuse('choice', 'excluded_weekend')
  }
  const opensAt = occurrence ? bookingOpensAt(occurrence.startsAt, offer.bookingOpensDays) : null
  if (opensAt && attempt.now < opensAt)
    return refuse('choice', 'booking_not_open', { date: opensAt })

  const partyRefusal = refusalOfParty(attempt)
  if (partyRefusal) return partyRefusal

  if (offer.oncePerCard && used.hasTicketToOffer) return refuse('code', 'already_has_ticket')
  const isBooking = occurrence !== null && occurrence.startsAt > attempt.now
  if (isBooking && attempt.maxOpenBookings !== null) {
    if (used.openBookingsAtVenue >= attempt.maxOpenBookings) {
      return refuse('code', 'too_many_open_bookings', { max: attempt.maxOpenBookings })
    }
  }

  const places = placesOf(attempt)
  if (offer.yearlyVisits !== null && used.visitsThisYear + places > offer.yearlyVisits) {
    return refuse('code', 'series_used_up', {
      used: used.visitsThisYear,
      max: offer.yearlyVisits,
    })
  }
  if (offer.type === 'library_fees' && !((attempt.amountCents ?? 0) > 0)) {
    return refuse('amount', 'amount_required')
  }
  if (offer.yearlyEuroCap !== null) {
    const leftCents = offer.yearlyEuroCap * 100 - used.centsThisYear
    if ((attempt.amountCents ?? 0) > leftCents) {
      return refuse('amount', 'euro_cap_reached', {
        left: Math.max(leftCents, 0) / 100,
        max: offer.yearlyEuroCap,
      })
    }
  }
  if (occurrence) {
    const cap = cardPlacesOf(occurrence)
    if (used.places + places > cap) {
      return refuse('choice', 'cap_reached', { left: Math.max(cap - used.places, 0), cap })
    }
  }
  return null
}
