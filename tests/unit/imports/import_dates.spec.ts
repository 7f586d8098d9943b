import { test } from '@japa/runner'
import { parseImportDate } from '#imports/services/import_dates'

test.group('Import dates', () => {
  test('Finnish dates with or without leading zeros, and ISO dates', ({ assert }) => {
    assert.equal(parseImportDate('1.2.2024'), '2024-02-01')
    assert.equal(parseImportDate('01.02.2024'), '2024-02-01')
    assert.equal(parseImportDate(' 31.12.2026 '), '2026-12-31')
    assert.equal(parseImportDate('2024-02-01'), '2024-02-01')
    assert.equal(parseImportDate('29.2.2024'), '2024-02-29')
    assert.equal(parseImportDate('2000-02-29'), '2000-02-29')
  })

  test('dates the calendar does not have are refused', ({ assert }) => {
    assert.isNull(parseImportDate('31.2.2024'))
    assert.isNull(parseImportDate('29.2.2023'))
    assert.isNull(parseImportDate('1900-02-29'))
    assert.isNull(parseImportDate('31.4.2024'))
    assert.isNull(parseImportDate('0.1.2024'))
    assert.isNull(parseImportDate('1.13.2024'))
    assert.isNull(parseImportDate('2024-00-10'))
  })

  test('two-digit years and other forms are refused', ({ assert }) => {
    assert.isNull(parseImportDate('1.2.24'))
    assert.isNull(parseImportDate('01.02.24'))
    assert.isNull(parseImportDate('24-02-01'))
    assert.isNull(parseImportDate('2024-2-1'))
    assert.isNull(parseImportDate('2/1/2024'))
    assert.isNull(parseImportDate('1.2.2024.'))
    assert.isNull(parseImportDate('2024-02-01T10:00'))
    assert.isNull(parseImportDate('1. helmikuuta 2024'))
    assert.isNull(parseImportDate(''))
  })
})
