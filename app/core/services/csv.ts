import { stringify } from 'csv-stringify/sync'

/*
| CSV for spreadsheets, written by csv-stringify: UTF-8 with a byte-order
| mark (so that Excel on Windows shows ä and ö), CRLF line ends, text
| quoted and numbers left as numbers. Text that a spreadsheet would take
| for a formula (= + - @, their full-width forms, tab or carriage return
| first) gets an apostrophe in front, so typed text never runs as one.
*/
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/

const neutralise = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text)

/** Rows as CSV text, ready to be sent as text/csv; charset=utf-8. */
export function toCsv(rows: unknown[][]) {
  return stringify(rows, {
    bom: true,
    quoted_string: true,
    record_delimiter: 'windows',
    cast: { string: neutralise },
  })
}
