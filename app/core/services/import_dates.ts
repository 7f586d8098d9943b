/*
| Dates in import files: the Finnish way (1.2.2024, 01.02.2024) or ISO
| (2024-02-01, which is also what an XLSX date cell reads as). The year has
| four digits: "1.2.24" could be 1924 or 2024, and a birth date or an issue
| date must not be guessed. A date the calendar does not have (31.2.2024,
| 29.2.2023) is refused. In core so that the import machinery (module
| imports) and each module's import kind read dates the same way.
*/
const FINNISH = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

/** The date as 'YYYY-MM-DD', or null when the text is not a date in an accepted form. */
export function parseImportDate(text: string): string | null {
  const trimmed = text.trim()
  let year: number
  let month: number
  let day: number
  const finnish = FINNISH.exec(trimmed)
  const iso = finnish ? null : ISO.exec(trimmed)
  if (finnish) {
    ;[day, month, year] = finnish.slice(1).map(Number)
  } else if (iso) {
    ;[year, month, day] = iso.slice(1).map(Number)
  } else {
    return null
  }
  if (year < 1000 || month < 1 || month > 12 || day < 1) return null
  // The last day of the month: day 0 of the next one.
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > lastDay) return null
  const pad = (part: number) => String(part).padStart(2, '0')
  return `${year}-${pad(month)}-${pad(day)}`
}
