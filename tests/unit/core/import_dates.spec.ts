import { test } from '@japa/runner'
import { parseImportDate } from '#core/services/import_dates'

test.group('Dates in import files', () => {
  test('reads the Finnish and the ISO way of writing a date', ({ assert }) => {
    assert.equal(parseImportDate('1.2.2024'), '2024-02-01')
    assert.equal(parseImportDate('01.02.2024'), '2024-02-01')
    assert.equal(parseImportDate('31.12.2015'), '2015-12-31')
    assert.equal(parseImportDate('2024-02-01'), '2024-02-01')
    assert.equal(parseImportDate(' 29.2.2024 '), '2024-02-29')
  })

  test('refuses impossible dates instead of rolling them into the next month', ({ assert }) => {
    for (const text of [
      '31.2.2024',
      '29.2.2023',
      '2023-02-29',
      '0.1.2024',
      '1.13.2024',
      '2024-04-31',
    ]) {
      assert.isNull(parseImportDate(text), text)
    }
  })

  test('refuses two-digit years and anything that is not a date of the accepted forms', ({
    assert,
  }) => {
    for (const text of [
      '1.2.24',
      '01.02.24',
      '24-02-01',
      '2024-2-1',
      '1/2/2024',
      '2024.02.01',
      '',
      'huomenna',
      '1.2.2024 12:00',
    ]) {
      assert.isNull(parseImportDate(text), text)
    }
  })
})
