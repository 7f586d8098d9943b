import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { bookingOpensAt, cardCapRange } from '#offers/services/restrictions'

const performance = { type: 'performance' as const, guestProduction: false }

test.group('Card cap range', () => {
  test('at least 3 % of the capacity, rounded up', ({ assert }) => {
    assert.deepEqual(cardCapRange(performance, 100), { rule: 'percentage', min: 3, max: 100 })
    assert.equal(cardCapRange(performance, 101).min, 4)
    assert.equal(cardCapRange(performance, 33).min, 1)
    // 3 % of 700 is exactly 21; floating point would say 21.000000000000004 and round up to 22.
    assert.equal(cardCapRange(performance, 700).min, 21)
    assert.equal(cardCapRange(performance, 1000).min, 30)
  })

  test('over 1,000 people at once: at least 20', ({ assert }) => {
    assert.deepEqual(cardCapRange(performance, 1001), { rule: 'large', min: 20, max: 1001 })
    assert.equal(cardCapRange(performance, 5000).min, 20)
  })

  test('a course: at least 1', ({ assert }) => {
    assert.deepEqual(cardCapRange({ type: 'course', guestProduction: false }, 12), {
      rule: 'course',
      min: 1,
      max: 12,
    })
  })

  test('a guest production: 2-10, never above the capacity', ({ assert }) => {
    const guest = { ...performance, guestProduction: true }
    assert.deepEqual(cardCapRange(guest, 500), { rule: 'guest', min: 2, max: 10 })
    assert.equal(cardCapRange(guest, 6).max, 6)
  })
})

test.group('Booking window', () => {
  test('opens at the start of the day the given number of days before the show, or is always open', ({
    assert,
  }) => {
    const show = DateTime.fromISO('2026-12-10T19:00:00', { zone: 'Europe/Helsinki' })
    assert.equal(bookingOpensAt(show, 7)!.toISO(), '2026-12-03T00:00:00.000+02:00')
    assert.isNull(bookingOpensAt(show, null))
  })
})
