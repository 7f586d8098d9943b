import { test } from '@japa/runner'
import { toCsv } from '#core/services/csv'
import { readCsv } from '#tests/helpers/csv'

test.group('CSV for spreadsheets', () => {
  test('starts with the UTF-8 byte-order mark and keeps ä and ö', ({ assert }) => {
    const csv = toCsv([['Hämeenlinna', 'Pöytä']])
    assert.isTrue(
      Buffer.from(csv, 'utf8')
        .subarray(0, 3)
        .equals(Buffer.from([0xef, 0xbb, 0xbf]))
    )
    assert.deepEqual(readCsv(csv), [['Hämeenlinna', 'Pöytä']])
  })

  test('numbers stay numbers, negative ones too', ({ assert }) => {
    const csv = toCsv([['muutos', -0.7, 12, 0]])
    assert.include(csv, '"muutos",-0.7,12,0\r\n')
    assert.deepEqual(readCsv(csv), [['muutos', '-0.7', '12', '0']])
  })

  test('text a spreadsheet would run as a formula gets an apostrophe: {text}')
    .with([
      { text: '=SUM(A1)' },
      { text: '+358 40 123' },
      { text: '-0.7' },
      { text: '@import' },
      { text: '\tcmd' },
      { text: '＝1+1' },
      { text: '＋1' },
      { text: '－1' },
      { text: '＠x' },
    ])
    .run(({ assert }, { text }) => {
      assert.deepEqual(readCsv(toCsv([[text]])), [[`'${text}`]])
    })

  test('quotes, commas and line breaks inside a cell survive; empty cells stay empty', ({
    assert,
  }) => {
    const rows = [['Sanoi "kiitos", ja lähti', 'rivi 1\nrivi 2', null, undefined, '']]
    assert.deepEqual(readCsv(toCsv(rows)), [
      ['Sanoi "kiitos", ja lähti', 'rivi 1\nrivi 2', '', '', ''],
    ])
  })
})
