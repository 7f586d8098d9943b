import type { DateTime } from 'luxon'
import type { OfferType } from '#offers/models/offer'
import { finnishDayOf } from '#core/services/time'

/*
| The operating model's limits on what a venue may restrict (DOMAIN.md,
| "Offers and restrictions"). Pure functions, so forms, services and tests
| share one definition.
*/

/** Booking must open at least a week before the event. */
export const MIN_BOOKING_OPENS_DAYS = 7
export const MAX_BOOKING_OPENS_DAYS = 365
/** A swimming hall's series: at least 30 visits per card per year. */
export const MIN_YEARLY_VISITS = 30
/** Guest productions, when not excluded, are capped at 2-10 card places per show. */
export const GUEST_CAP = { min: 2, max: 10 } as const
/** Card places are at least this percent of the seats, rounded up... */
export const CAP_PERCENT = 3
/** ...except in halls and mass events of more than 1,000 people: at least 20 card places. */
export const LARGE_CAPACITY = 1000
export const LARGE_CAPACITY_MIN_CAP = 20
/** A course has at least one card place. */
export const COURSE_MIN_CAP = 1
/** A venue may hand a card's ticket over only this many minutes before the show. */
export const TICKET_HANDOVER_MINUTES = 30
/** Community cards admit a group of 2-5 people. */
export const GROUP_SIZE = { min: 2, max: 5 } as const
/** A venue that releases unconfirmed bookings does it this many hours before the show, at least and at most. */
export const RELEASE_UNCONFIRMED_HOURS = { min: 1, max: 24 } as const
/**
 * Recording afterwards: a venue may add a show up to this many days back,
 * and the box office register uses on the shows of these days.
 */
export const RECORD_AFTERWARDS_DAYS = 30

/**
 * These limits as the parameters of the texts that name them (hints,
 * validation messages): {capPercent}, {largeCapacity} ...
 */
export const RESTRICTION_PARAMS = {
  capPercent: CAP_PERCENT,
  largeCapacity: LARGE_CAPACITY,
  largeCapacityCap: LARGE_CAPACITY_MIN_CAP,
  courseCap: COURSE_MIN_CAP,
  guestCapMin: GUEST_CAP.min,
  guestCapMax: GUEST_CAP.max,
  bookingOpensDays: MIN_BOOKING_OPENS_DAYS,
  yearlyVisits: MIN_YEARLY_VISITS,
  groupMin: GROUP_SIZE.min,
  groupMax: GROUP_SIZE.max,
  handoverMinutes: TICKET_HANDOVER_MINUTES,
  releaseHoursMin: RELEASE_UNCONFIRMED_HOURS.min,
  releaseHoursMax: RELEASE_UNCONFIRMED_HOURS.max,
  recordAfterwardsDays: RECORD_AFTERWARDS_DAYS,
}

export type CapRule = 'percentage' | 'large' | 'course' | 'guest'

/**
 * The smallest and largest card cap an occurrence may have, and the rule
 * that sets the smallest: CAP_PERCENT of capacity rounded up; more than
 * LARGE_CAPACITY people, LARGE_CAPACITY_MIN_CAP; COURSE_MIN_CAP for a
 * course; GUEST_CAP for a guest production.
 */
export function cardCapRange(
  offer: { type: OfferType; guestProduction: boolean },
  capacity: number
) {
  if (offer.guestProduction) {
    return { rule: 'guest' as CapRule, min: GUEST_CAP.min, max: Math.min(GUEST_CAP.max, capacity) }
  }
  if (offer.type === 'course') {
    return { rule: 'course' as CapRule, min: COURSE_MIN_CAP, max: capacity }
  }
  if (capacity > LARGE_CAPACITY) {
    return { rule: 'large' as CapRule, min: LARGE_CAPACITY_MIN_CAP, max: capacity }
  }
  // Integer arithmetic: 0.03 * 700 is 21.000000000000004 in floating point.
  const min = Math.ceil((capacity * CAP_PERCENT) / 100)
  return { rule: 'percentage' as CapRule, min, max: capacity }
}

/** Card places a show has: its cap, or with no cap every seat. */
export function cardPlacesOf(show: { cardCap: number | null; capacity: number }) {
  return show.cardCap ?? show.capacity
}

/**
 * When booking with the card opens for an occurrence: the start of the day
 * (Finnish time) the given number of days before; null when it is always open.
 * A whole day, so nobody is told on the opening day that it opens "today".
 */
export function bookingOpensAt(startsAt: DateTime, bookingOpensDays: number | null) {
  if (bookingOpensDays === null) return null
  return finnishDayOf(startsAt).minus({ days: bookingOpensDays })
}

/** The last day asked about and its answer: mostly today (`today()` returns one value a day). */
let earliest: { day: DateTime | null; value: DateTime | null } = { day: null, value: null }

/** The first day a show may be on when added or registered afterwards (Finnish time). */
export function earliestShowDay(today: DateTime) {
  if (earliest.day !== today) {
    earliest = {
      day: today,
      value: finnishDayOf(today).minus({ days: RECORD_AFTERWARDS_DAYS }),
    }
  }
  return earliest.value!
}
