import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Area from '#registry/models/area'
import { CARD_VALIDITY_MONTHS, validUntilFor } from '#registry/services/card_validity'

const area = (status: Area['status'], pilotEndsOn: string | null) =>
  Object.assign(new Area(), {
    status,
    pilotEndsOn: pilotEndsOn ? DateTime.fromISO(pilotEndsOn) : null,
  })

test.group('Card validity', () => {
  test('a card is valid for 12 months from the day it is issued', ({ assert }) => {
    assert.equal(
      validUntilFor(DateTime.fromISO('2026-11-23'), area('in_use', null))!.toISODate(),
      '2027-11-23'
    )
  })

  test('in a pilot area the card is valid until the pilot ends, sooner or later than a year', ({
    assert,
  }) => {
    assert.equal(
      validUntilFor(DateTime.fromISO('2026-11-23'), area('pilot', '2027-05-31'))!.toISODate(),
      '2027-05-31'
    )
    assert.equal(
      validUntilFor(DateTime.fromISO('2026-12-02'), area('pilot', '2028-06-30'))!.toISODate(),
      '2028-06-30'
    )
  })

  test("a card issued on the pilot's last day is valid that day", ({ assert }) => {
    assert.equal(
      validUntilFor(DateTime.fromISO('2027-05-31'), area('pilot', '2027-05-31'))!.toISODate(),
      '2027-05-31'
    )
  })

  test('once the area is in use, the normal period applies again', ({ assert }) => {
    assert.equal(
      validUntilFor(DateTime.fromISO('2028-07-01'), area('in_use', null))!.toISODate(),
      DateTime.fromISO('2028-07-01').plus({ months: CARD_VALIDITY_MONTHS }).toISODate()
    )
  })

  test('no card can be issued once the pilot has ended', ({ assert }) => {
    assert.isNull(validUntilFor(DateTime.fromISO('2026-11-23'), area('pilot', '2026-11-22')))
  })

  test('a pop-up organisation outside every area gets the normal 12 months', ({ assert }) => {
    assert.equal(validUntilFor(DateTime.fromISO('2026-02-28'), null)!.toISODate(), '2027-02-28')
  })
})
