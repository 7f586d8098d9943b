import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { ZONE, finnishDayOf } from '#core/services/time'

test.group('The Finnish day of a moment', () => {
  test('is the day luxon gives in Finnish time, at midnights and across the clock changes', ({
    assert,
  }) => {
    const moments = [
      // Around a winter midnight (UTC+2) and a summer one (UTC+3).
      '2026-12-03T21:59:59.999Z',
      '2026-12-03T22:00:00.000Z',
      '2026-07-14T20:59:59.999Z',
      '2026-07-14T21:00:00.000Z',
      // The clocks go forward (29 March 2026, 03:00 → 04:00) and back (25 October 2026, 04:00 → 03:00).
      '2026-03-28T22:00:00.000Z',
      '2026-03-29T00:59:59.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T21:00:00.000Z',
      '2026-10-24T21:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
      '2026-10-25T21:59:59.000Z',
      '2026-10-25T22:00:00.000Z',
    ]
    for (const iso of moments) {
      const moment = DateTime.fromISO(iso, { zone: 'utc' })
      const expected = moment.setZone(ZONE).startOf('day')
      const day = finnishDayOf(moment)
      assert.equal(day.toISO(), expected.toISO(), iso)
      // The same UTC hour's start, answered from the memo: the same day.
      assert.equal(finnishDayOf(moment.startOf('hour')).toISO(), expected.toISO(), iso)
    }
  })

  test('a moment an hour apart on either side of midnight falls in different days', ({
    assert,
  }) => {
    const evening = DateTime.fromISO('2026-12-03T23:30', { zone: ZONE })
    assert.equal(finnishDayOf(evening).toISODate(), '2026-12-03')
    assert.equal(finnishDayOf(evening.plus({ hours: 1 })).toISODate(), '2026-12-04')
  })
})
