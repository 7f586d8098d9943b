import { test } from '@japa/runner'
import { parseImportDate } from '#core/services/import_dates'

test.group('Dates in import files', () => {
  test('Finnish dates with or without leading zeros, and ISO dates', ({ assert }) => {
    assert.equal(parseImportDate('1.2.2024'), '2024-02-01')
    assert.equal(parseImportDate('01.02.2024'), '2024-02-01')
    assert.equal(parseImportDate(' 31.12.2026 '), '2026-12-31')
    assert.equal(parseImportDate('2024-02-01'), '2024-02-01')
    assert.equal(parseImportDate('29.2.2024'), '2024-02-29')
    assert.equal(parseImportDate('2000-02-29'), '2000-02-29')
  })

  test('dates the calendar does not have are refused, not rolled into the next month', ({
    assert,
  }) => {
    for (const text of [
      '31.2.2024',
      '29.2.2023',
      '2023-02-29',
      '1900-02-29',
      '31.4.2024',
      '2024-04-31',
      '0.1.2024',
      '1.13.2024',
      '2024-00-10',
    ]) {
      assert.isNull(parseImportDate(text), text)
    }
  })

  test('two-digit years and other forms are refused', ({ assert }) => {
    for (const text of [
      '1.2.24',
      '01.02.24',
      '24-02-01',
      '2024-2-1',
      '2/1/2024',
      '1/2/2024',
      '2024.02.01',
      '1.2.2024.',
      '2024-02-01T10:00',
      '1.2.2024 12:00',
      '1. helmikuuta 2024',
      'huomenna',
      '',
    ]) {
      assert.isNull(parseImportDate(text), text)
    }
  })
})
