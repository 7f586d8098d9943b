import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  dateFormatsIn,
  formatDate,
  formatDateTime,
  formatShowStart,
  formatTime,
  formatWeekdayDate,
  formatWeekdayDateTime,
} from '#core/services/formatting'

// 07:00 in Finland on 2 December (UTC+2), and 18:30 on a summer day (UTC+3).
const winter = DateTime.fromISO('2026-12-02T05:00:00Z')
const summer = DateTime.fromISO('2026-06-15T15:30:00Z')

test.group('Dates and times in the reader’s language', () => {
  test('a show in the box office: the weekday, the date and the time first', ({ assert }) => {
    assert.equal(formatShowStart(winter, 'fi'), 'ke 2.12. klo 7.00')
    assert.equal(formatShowStart(summer, 'sv'), 'mån 15.6. kl. 18.30')
    assert.equal(formatShowStart(winter, 'en'), 'Wed 2 Dec, 07:00')
  })

  test('Finnish: 2.12.2026 klo 7.00', ({ assert }) => {
    assert.equal(formatDate(winter, 'fi'), '2.12.2026')
    assert.equal(formatTime(winter, 'fi'), '7.00')
    assert.equal(formatDateTime(winter, 'fi'), '2.12.2026 klo 7.00')
    assert.equal(formatDateTime(summer, 'fi'), '15.6.2026 klo 18.30')
  })

  test('Swedish as written in Finland: 2.12.2026 kl. 7.00', ({ assert }) => {
    assert.equal(formatDate(winter, 'sv'), '2.12.2026')
    assert.equal(formatTime(winter, 'sv'), '7.00')
    assert.equal(formatDateTime(winter, 'sv'), '2.12.2026 kl. 7.00')
    assert.equal(formatDateTime(summer, 'sv'), '15.6.2026 kl. 18.30')
  })

  test('English: 2 Dec 2026, 07:00, with no "klo"', ({ assert }) => {
    assert.equal(formatDate(winter, 'en'), '2 Dec 2026')
    assert.equal(formatTime(winter, 'en'), '07:00')
    assert.equal(formatDateTime(winter, 'en'), '2 Dec 2026, 07:00')
    assert.equal(formatDateTime(summer, 'en'), '15 Jun 2026, 18:30')
    assert.equal(formatDate(DateTime.fromISO('2026-09-01T12:00:00Z'), 'en'), '1 Sep 2026')
  })

  test('with the weekday: ke 2.12.2026 klo 18.00, ons 2.12.2026 kl. 18.00, Wed 2 Dec 2026', ({
    assert,
  }) => {
    // 18:00 in Finland on Wednesday 2 December 2026.
    const evening = DateTime.fromISO('2026-12-02T16:00:00Z')
    assert.equal(formatWeekdayDateTime(evening, 'fi'), 'ke 2.12.2026 klo 18.00')
    assert.equal(formatWeekdayDateTime(evening, 'sv'), 'ons 2.12.2026 kl. 18.00')
    assert.equal(formatWeekdayDateTime(evening, 'en'), 'Wed 2 Dec 2026, 18:00')
    assert.equal(formatWeekdayDate(evening, 'fi'), 'ke 2.12.2026')
    assert.equal(formatWeekdayDate(evening, 'sv'), 'ons 2.12.2026')
    assert.equal(formatWeekdayDate(evening, 'en'), 'Wed 2 Dec 2026')
    assert.equal(formatTime(evening, 'en'), '18:00')
    assert.equal(formatTime(evening, 'sv'), '18.00')
    assert.equal(formatDateTime(evening, 'en'), '2 Dec 2026, 18:00')
    assert.notInclude(formatWeekdayDateTime(evening, 'en'), 'klo')
    assert.equal(dateFormatsIn('en').formatWeekdayDateTime(evening), 'Wed 2 Dec 2026, 18:00')
    assert.equal(formatWeekdayDate(null, 'en'), '')
  })

  test('calendar dates, stored timestamps, JS dates and nothing', ({ assert }) => {
    assert.equal(formatDate('2026-11-23', 'en'), '23 Nov 2026')
    assert.equal(formatDate('2026-11-23', 'fi'), '23.11.2026')
    assert.equal(formatDateTime('2026-12-02 05:00:00', 'sv'), '2.12.2026 kl. 7.00')
    assert.equal(formatDateTime('2026-12-02T05:00:00.000Z', 'en'), '2 Dec 2026, 07:00')
    assert.equal(formatDateTime(new Date('2026-12-02T05:00:00Z'), 'fi'), '2.12.2026 klo 7.00')
    // Just before midnight UTC is already the next day in Finland.
    assert.equal(formatDate(DateTime.fromISO('2026-12-02T22:30:00Z'), 'en'), '3 Dec 2026')
    assert.equal(formatDate(null, 'en'), '')
    assert.equal(formatDateTime(undefined), '')
  })

  test('an unknown language writes Finnish; a page’s helpers default to its language', ({
    assert,
  }) => {
    assert.equal(formatDateTime(winter, 'de'), '2.12.2026 klo 7.00')
    const english = dateFormatsIn('en')
    assert.equal(english.formatDateTime(winter), '2 Dec 2026, 07:00')
    assert.equal(english.formatDate(winter), '2 Dec 2026')
    assert.equal(english.formatTime(winter), '07:00')
    assert.equal(english.formatDate(winter, 'sv'), '2.12.2026')
  })
})
