/*
| Dates in import files, as a Finnish spreadsheet or the old register writes
| them: 1.2.2024, 01.02.2024 or 2024-02-01. The year has four digits (a
| two-digit year is refused: 24 could be 1924 or 2024), and an impossible
| date (31.2.2024, 2023-02-29) is refused rather than rolled over into the
| next month. Lives in core so that the import machinery and every module's
| import kind read dates the same way.
*/
const FINNISH = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

/** The date as 'YYYY-MM-DD', or null when the text is no date of the accepted forms. */
export function parseImportDate(text: string): string | null {
  const value = text.trim()
  let parts: [string, string, string] | null = null
  const finnish = FINNISH.exec(value)
  if (finnish) parts = [finnish[3], finnish[2], finnish[1]]
  const iso = ISO.exec(value)
  if (iso) parts = [iso[1], iso[2], iso[3]]
  if (!parts) return null

  const [year, month, day] = parts.map(Number)
  // Date.UTC rolls 31.2. over to 3.3.: a date that does not come back as typed does not exist.
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null
  if (date.getUTCDate() !== day) return null
  const pad = (number: number, width: number) => String(number).padStart(width, '0')
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}
