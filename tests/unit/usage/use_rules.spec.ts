import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { placesOf, refusalOf, type UseAttempt } from '#usage/services/use_rules'

/*
| Each rule of a registration, refused and allowed, on the pure rule
| function. The functional tests (tests/functional/usage) show the same
| through the form, with nothing written.
*/
const now = DateTime.fromISO('2026-11-23T12:00:00', { zone: 'Europe/Helsinki' })
const monday = now.plus({ days: 7 }).set({ hour: 19 }) // 30.11.2026 is a Monday

function attempt(overrides: Partial<UseAttempt> = {}): UseAttempt {
  return {
    card: {
      status: 'valid',
      type: 'personal',
      validUntil: now.plus({ months: 6 }),
      childrenCount: 2,
    },
    offer: {
      type: 'performance',
      childrenAllowed: true,
      oncePerCard: false,
      weekendsExcluded: false,
      bookingOpensDays: null,
      yearlyVisits: null,
      yearlyEuroCap: null,
    },
    occurrence: {
      startsAt: monday,
      capacity: 100,
      cardCap: 3,
      excludedKind: null,
    },
    usedOn: monday.startOf('day'),
    now,
    childrenCount: 0,
    groupSize: null,
    amountCents: null,
    maxOpenBookings: null,
    used: {
      places: 0,
      hasTicketToOffer: false,
      openBookingsAtVenue: 0,
      visitsThisYear: 0,
      centsThisYear: 0,
    },
    ...overrides,
  }
}
const reason = (a: UseAttempt) => refusalOf(a)?.messageKey.replace('usage.refused.', '') ?? null
const used = (values: Partial<UseAttempt['used']>) => ({ ...attempt().used, ...values })

test.group('Registration rules', () => {
  test('a valid card on a show with places left is allowed', ({ assert }) => {
    assert.isNull(refusalOf(attempt()))
  })

  test('the card must exist, be in force and be valid on the show date', ({ assert }) => {
    const card = attempt().card
    assert.equal(reason(attempt({ card: { ...card, status: 'unknown' } })), 'unknown_code')
    assert.equal(reason(attempt({ card: { ...card, status: 'withdrawn' } })), 'withdrawn')
    assert.equal(reason(attempt({ card: { ...card, status: 'ended' } })), 'ended')
    const expired = refusalOf(attempt({ card: { ...card, status: 'expired' } }))!
    assert.equal(expired.messageKey, 'usage.refused.not_valid_on_date')
    assert.equal((expired.params.date as DateTime).toISODate(), '2026-11-30')
    assert.equal(
      reason(attempt({ card: { ...card, status: 'not_yet_valid' } })),
      'not_valid_on_date'
    )
  })

  test('galas, premieres and, when excluded, weekend shows are refused', ({ assert }) => {
    const occurrence = attempt().occurrence!
    assert.equal(
      reason(attempt({ occurrence: { ...occurrence, excludedKind: 'gala' } })),
      'excluded_gala'
    )
    assert.equal(
      reason(attempt({ occurrence: { ...occurrence, excludedKind: 'premiere' } })),
      'excluded_premiere'
    )
    const saturday = monday.minus({ days: 2 })
    const weekend = attempt({
      occurrence: { ...occurrence, startsAt: saturday },
      usedOn: saturday.startOf('day'),
    })
    assert.isNull(refusalOf(weekend))
    assert.equal(
      reason({ ...weekend, offer: { ...weekend.offer, weekendsExcluded: true } }),
      'excluded_weekend'
    )
  })

  test('booking opens at the start of the day the set number of days before the show', ({
    assert,
  }) => {
    const offer = attempt().offer
    // The show is 7 days and 7 hours away: booking opened this morning.
    assert.isNull(refusalOf(attempt({ offer: { ...offer, bookingOpensDays: 7 } })))
    const early = refusalOf(attempt({ offer: { ...offer, bookingOpensDays: 6 } }))!
    assert.equal(early.messageKey, 'usage.refused.booking_not_open')
    assert.equal((early.params.date as DateTime).toISODate(), '2026-11-24')
    // Never "opens on <today>": on the opening day, from midnight on, it is open.
    const atMidnight = now.startOf('day')
    assert.isNull(refusalOf(attempt({ offer: { ...offer, bookingOpensDays: 7 }, now: atMidnight })))
  })

  test('a community card brings a group of 2-5', ({ assert }) => {
    const card = { ...attempt().card, type: 'community' as const, childrenCount: 0 }
    assert.equal(reason(attempt({ card, groupSize: null })), 'group_size')
    assert.equal(reason(attempt({ card, groupSize: 1 })), 'group_size')
    assert.equal(reason(attempt({ card, groupSize: 6 })), 'group_size')
    assert.isNull(refusalOf(attempt({ card, groupSize: 2 })))
    assert.isNull(refusalOf(attempt({ card, groupSize: 3 })))
    assert.equal(placesOf(attempt({ card, groupSize: 3 })), 3)
  })

  test('children: not where they are not allowed, never more than registered', ({ assert }) => {
    const offer = { ...attempt().offer, childrenAllowed: false }
    assert.equal(reason(attempt({ offer, childrenCount: 1 })), 'children_not_allowed')
    assert.isNull(refusalOf(attempt({ offer, childrenCount: 0 })))
    assert.equal(
      reason(
        attempt({ childrenCount: 3, occurrence: { ...attempt().occurrence!, cardCap: null } })
      ),
      'too_many_children'
    )
    const allowed = attempt({ childrenCount: 2 })
    assert.isNull(refusalOf({ ...allowed, occurrence: { ...allowed.occurrence!, cardCap: null } }))
    assert.equal(placesOf(allowed), 3)
  })

  test('once per production', ({ assert }) => {
    const offer = { ...attempt().offer, oncePerCard: true }
    assert.equal(
      reason(attempt({ offer, used: used({ hasTicketToOffer: true }) })),
      'already_has_ticket'
    )
    assert.isNull(refusalOf(attempt({ offer })))
    assert.isNull(refusalOf(attempt({ used: used({ hasTicketToOffer: true }) })))
  })

  test('at most N open bookings at the venue, for future shows only', ({ assert }) => {
    const full = attempt({ maxOpenBookings: 2, used: used({ openBookingsAtVenue: 2 }) })
    assert.equal(reason(full), 'too_many_open_bookings')
    assert.isNull(
      refusalOf(attempt({ maxOpenBookings: 2, used: used({ openBookingsAtVenue: 1 }) }))
    )
    // Registered afterwards, a past show is not a booking.
    const past = { ...full.occurrence!, startsAt: now.minus({ days: 1 }) }
    assert.isNull(refusalOf({ ...full, occurrence: past, usedOn: past.startsAt.startOf('day') }))
  })

  test('a swimming series counts the holder and the children against the yearly visits', ({
    assert,
  }) => {
    const series = attempt({
      offer: { ...attempt().offer, type: 'series', yearlyVisits: 30 },
      occurrence: null,
      usedOn: now.startOf('day'),
      childrenCount: 2,
    })
    assert.isNull(refusalOf({ ...series, used: used({ visitsThisYear: 27 }) }))
    const refused = refusalOf({ ...series, used: used({ visitsThisYear: 28 }) })!
    assert.equal(refused.messageKey, 'usage.refused.series_used_up')
    assert.deepEqual(refused.params, { used: 28, max: 30 })
  })

  test('library fees stay under the yearly euro cap', ({ assert }) => {
    const fees = attempt({
      offer: { ...attempt().offer, type: 'library_fees', yearlyEuroCap: 20 },
      occurrence: null,
      usedOn: now.startOf('day'),
      amountCents: 450,
    })
    assert.isNull(refusalOf({ ...fees, used: used({ centsThisYear: 1550 }) }))
    const refused = refusalOf({ ...fees, used: used({ centsThisYear: 1600 }) })!
    assert.equal(refused.messageKey, 'usage.refused.euro_cap_reached')
    assert.deepEqual(refused.params, { left: 4, max: 20 })
  })

  test('a library fee carries its amount', ({ assert }) => {
    const fees = attempt({
      offer: { ...attempt().offer, type: 'library_fees', yearlyEuroCap: 20 },
      occurrence: null,
      usedOn: now.startOf('day'),
    })
    assert.equal(reason({ ...fees, amountCents: null }), 'amount_required')
    assert.equal(reason({ ...fees, amountCents: 0 }), 'amount_required')
    assert.isNull(refusalOf({ ...fees, amountCents: 450 }))
    // No euro cap set: the amount is still needed, for the statistics of fees paid.
    const uncapped = { ...fees, offer: { ...fees.offer, yearlyEuroCap: null } }
    assert.equal(reason({ ...uncapped, amountCents: null }), 'amount_required')
  })

  test('the cap per show counts every place, children included', ({ assert }) => {
    assert.isNull(refusalOf(attempt({ used: used({ places: 2 }) })))
    assert.equal(reason(attempt({ used: used({ places: 3 }) })), 'cap_reached')
    const withChild = refusalOf(attempt({ childrenCount: 1, used: used({ places: 2 }) }))!
    assert.equal(withChild.messageKey, 'usage.refused.cap_reached')
    assert.deepEqual(withChild.params, { left: 1, cap: 3 })
    // No card cap: the capacity is the limit.
    const uncapped = { ...attempt().occurrence!, cardCap: null }
    assert.isNull(refusalOf(attempt({ occurrence: uncapped, used: used({ places: 99 }) })))
    assert.equal(
      reason(attempt({ occurrence: uncapped, used: used({ places: 100 }) })),
      'cap_reached'
    )
  })
})
