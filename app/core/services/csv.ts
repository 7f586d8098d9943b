/*
| CSV for spreadsheets: every cell quoted, and a cell that a spreadsheet
| would take for a formula (=, +, -, @ at the start) is prefixed with an
| apostrophe, so typed text never runs as one.
*/
const FORMULA_START = /^[=+\-@\t\r]/

function cell(value: unknown) {
  const text = String(value ?? '')
  const safe = FORMULA_START.test(text) ? `'${text}` : text
  return `"${safe.replace(/"/g, '""')}"`
}

/** Rows as CSV text (RFC 4180: commas, CRLF). */
export function toCsv(rows: unknown[][]) {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
}
