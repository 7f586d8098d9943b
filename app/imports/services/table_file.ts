import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { extname } from 'node:path'
import { Readable, pipeline } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { workbookStream } from '#imports/services/xlsx_archive'

/*
| One import file as a header and a stream of rows: CSV or XLSX, chosen by
| the file's name (.csv, .xlsx). Nothing is held beyond the row being read,
| so a file of a million rows costs the memory of one (an XLSX file keeps
| its table of distinct texts, see below).
|
| Row numbers are the ones a spreadsheet shows: the header is row 1 and the
| first data row 2. In CSV a row is a record, not a line: a quoted value
| that runs over several lines is one row, as a spreadsheet shows it, and
| an empty line counts as a row. Rows whose cells are all blank are left
| out (wherever they are: the empty rows at the end of an export, a blank
| row between blocks) but still counted, so the numbers stay the
| spreadsheet's. Every value is trimmed.
|
| CSV: UTF-8 (with or without a byte-order mark) or Windows-1252, which is
| what Excel saves as "CSV" on a Finnish or Swedish Windows. The first
| chunk read decides: valid UTF-8 is UTF-8; otherwise Windows-1252, unless
| it has a NUL byte or a byte Windows-1252 leaves undefined (UTF-16, a
| binary file). A row read later that cannot be in the encoding chosen (an
| invalid UTF-8 sequence, U+FFFD; a NUL; an undefined Windows-1252 byte) is
| refused as the wrong encoding, with its row. The separator is ';' or ',',
| whichever splits the header line into more fields (';' on a tie: Excel's
| choice in Finland and Sweden). Quotes as RFC 4180; CRLF, LF or CR.
|
| XLSX: the first worksheet (in tab order; the first visible one), read with
| exceljs's streaming reader from the parts xlsx_archive.ts hands it in the
| order it needs. Cells become text: a date 'YYYY-MM-DD' (the date only; a
| spreadsheet date has no time zone, so its UTC parts are its parts), a
| number without exponent or float noise, rich text its text, a formula its
| cached result, a boolean 'true' or 'false', an error its code ('#N/A'),
| an empty cell ''; a value of another kind refuses the file rather than
| become made-up text. The reader keeps the workbook's shared-string table
| (each distinct text once) in memory: Excel writes the texts there, apart
| from the cells. A broken archive is 'not_table_file'.
*/

export type ImportFileErrorReason =
  | 'not_table_file'
  | 'wrong_encoding'
  | 'empty'
  | 'duplicate_column'
  | 'unclosed_quote'
  | 'row_too_long'

/**
 * Why a file cannot be read at all; `reason` is a key under
 * `import.file_errors.*` with `params` for its text (see `messageKey`).
 */
export class ImportFileError extends Error {
  constructor(
    readonly reason: ImportFileErrorReason,
    readonly params: Record<string, string | number> = {},
    options?: { cause?: unknown }
  ) {
    super(`Import file refused: ${reason}`, options)
    this.name = 'ImportFileError'
  }

  /**
   * The translation key for the text: `import.file_errors.<reason>`, or
   * `import.file_errors.<reason>_at_row` when the error has a row (the
   * wrong encoding found past the first chunk).
   */
  get messageKey() {
    const atRow = this.reason === 'wrong_encoding' && this.params.row !== undefined
    return `import.file_errors.${this.reason}${atRow ? '_at_row' : ''}`
  }
}

export type TableRow = { row: number; values: string[] }

export type TableFile = {
  format: 'csv' | 'xlsx'
  /** CSV only. */
  encoding?: 'utf-8' | 'windows-1252'
  /** CSV only. */
  delimiter?: ';' | ','
  /** The row the header is on: 1 unless blank rows come first. */
  headerRow: number
  /** Trimmed and in lower case, in the file's order; '' for a column without a heading. */
  headers: string[]
  /**
   * The data rows after the header, blank ones left out. `values[i]` is the
   * cell under `headers[i]` ('' when missing); cells beyond the last header
   * follow it, so a row can have more values than there are headers. Can be
   * read once; breaking out of the loop closes the file. Throws
   * ImportFileError ('wrong_encoding', 'unclosed_quote', 'row_too_long',
   * 'not_table_file') when the rest of the file is broken.
   */
  rows(): AsyncIterable<TableRow>
  /** Closes the file without reading the rest (not needed after reading all rows). */
  close(): Promise<void>
}

/** Bytes read in one go; the first read decides a CSV file's encoding. */
const CHUNK_BYTES = 64 * 1024
/** Characters in one CSV row at most: more is a quote left open, not an import row. */
export const MAX_ROW_CHARACTERS = 100_000

const UTF8_BOM = [0xef, 0xbb, 0xbf]
/** Bytes with no character in Windows-1252. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])
/** What decoding leaves of bytes the encoding cannot have: U+FFFD, NUL, undefined Windows-1252 bytes. */
const NOT_IN_ENCODING = {
  // eslint-disable-next-line no-control-regex
  'utf-8': /[\u0000\uFFFD]/,
  // eslint-disable-next-line no-control-regex
  'windows-1252': /[\u0000\u0081\u008D\u008F\u0090\u009D]/,
}

/**
 * Opens an import file: `path` is where it is, `fileName` the name it was
 * given (an upload's name; its extension tells CSV from XLSX). Reads up to
 * the header row and checks it; the rows follow from `rows()`.
 */
export async function openTableFile(path: string, fileName: string): Promise<TableFile> {
  const extension = extname(fileName).toLowerCase()
  if (extension !== '.csv' && extension !== '.xlsx') throw new ImportFileError('not_table_file')

  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw new ImportFileError('not_table_file', {}, { cause: error })
  }

  let source: AsyncGenerator<TableRow, void, undefined>
  let details: Pick<TableFile, 'format' | 'encoding' | 'delimiter'>
  try {
    if (extension === '.csv') {
      const csv = await openCsv(handle)
      source = csv.records
      details = { format: 'csv', encoding: csv.encoding, delimiter: csv.delimiter }
    } else {
      source = await openXlsx(handle)
      details = { format: 'xlsx' }
    }
  } catch (error) {
    await handle.close().catch(() => {})
    throw error
  }

  try {
    const first = await source.next()
    if (first.done) throw new ImportFileError('empty')
    const headers = first.value.values.map((value) => value.toLowerCase())
    const seen = new Set<string>()
    for (const header of headers) {
      if (header !== '' && seen.has(header)) {
        throw new ImportFileError('duplicate_column', { column: header })
      }
      seen.add(header)
    }

    let read = false
    return {
      ...details,
      headerRow: first.value.row,
      headers,
      rows() {
        if (read) throw new Error('The rows of an import file can be read once')
        read = true
        return padded(source, headers.length)
      },
      async close() {
        await source.return()
      },
    }
  } catch (error) {
    await source.return()
    throw error
  }
}

async function* padded(source: AsyncGenerator<TableRow, void, undefined>, width: number) {
  for await (const line of source) {
    while (line.values.length < width) line.values.push('')
    yield line
  }
}

const isBlank = (values: string[]) => values.every((value) => value === '')

// ---------------------------------------------------------------- CSV

function detectEncoding(bytes: Buffer, whole: boolean): 'utf-8' | 'windows-1252' {
  const utf16Bom =
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  if (utf16Bom || bytes.includes(0)) throw new ImportFileError('wrong_encoding')
  try {
    // A multi-byte character cut at the end of the chunk is no error, unless the chunk is all there is.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !whole })
    return 'utf-8'
  } catch {
    if (UTF8_BOM.every((byte, index) => bytes[index] === byte)) {
      throw new ImportFileError('wrong_encoding')
    }
    if (bytes.some((byte) => UNDEFINED_IN_1252.has(byte))) {
      throw new ImportFileError('wrong_encoding')
    }
    return 'windows-1252'
  }
}

/**
 * ';' or ',': the one that splits the first non-blank line into more fields,
 * ';' on a tie. Separators inside quotes do not count.
 */
export function detectDelimiter(text: string): ';' | ',' {
  let semicolons = 0
  let commas = 0
  let quoted = false
  let content = false
  for (const char of text) {
    if (char === '"') {
      quoted = !quoted
      content = true
    } else if (quoted) {
      continue
    } else if (char === '\n' || char === '\r') {
      if (content) break
      semicolons = 0
      commas = 0
    } else if (char === ';') semicolons++
    else if (char === ',') commas++
    else if (char.trim() !== '') content = true
  }
  return commas > semicolons ? ',' : ';'
}

async function openCsv(handle: FileHandle) {
  const chunks = handle
    .createReadStream({ highWaterMark: CHUNK_BYTES })
    [Symbol.asyncIterator]() as AsyncIterator<Buffer>
  let first: IteratorResult<Buffer>
  let second: IteratorResult<Buffer>
  try {
    first = await chunks.next()
    second = first.done ? first : await chunks.next()
  } catch (error) {
    await chunks.return?.()
    throw new ImportFileError('not_table_file', {}, { cause: error })
  }
  if (first.done) {
    await chunks.return?.()
    throw new ImportFileError('empty')
  }
  let encoding: 'utf-8' | 'windows-1252'
  try {
    encoding = detectEncoding(first.value, second.done === true)
  } catch (error) {
    await chunks.return?.()
    throw error
  }

  // Non-fatal: what cannot be decoded becomes a character NOT_IN_ENCODING finds in its row.
  const decoder = new TextDecoder(encoding)
  const firstText = decoder.decode(first.value, { stream: true })
  const delimiter = detectDelimiter(firstText)

  async function* text() {
    try {
      yield firstText
      if (!second.done) {
        yield decoder.decode(second.value, { stream: true })
        for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
          yield decoder.decode(next.value, { stream: true })
        }
      }
      const rest = decoder.decode()
      if (rest) yield rest
    } finally {
      await chunks.return?.()
    }
  }

  const parser = parse({
    delimiter,
    // Rows may have fewer or more fields than the header (trailing empty cells left out).
    relax_column_count: true,
    // A quote inside an unquoted value is part of the value: Kalevala "ilta".
    relax_quotes: true,
    trim: true,
    max_record_size: MAX_ROW_CHARACTERS,
  })
  pipeline(Readable.from(text()), parser, () => {})

  const notInEncoding = NOT_IN_ENCODING[encoding]
  async function* records(): AsyncGenerator<TableRow, void, undefined> {
    let row = 0
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        row++
        const values = record.map((value) => value.trim())
        if (values.some((value) => notInEncoding.test(value))) {
          throw new ImportFileError('wrong_encoding', { row })
        }
        if (!isBlank(values)) yield { row, values }
      }
    } catch (error) {
      if (error instanceof CsvError) {
        const at = { row: Number(error.records ?? row) + 1 }
        if (error.code === 'CSV_QUOTE_NOT_CLOSED') throw new ImportFileError('unclosed_quote', at)
        if (error.code === 'CSV_MAX_RECORD_SIZE') throw new ImportFileError('row_too_long', at)
      }
      if (error instanceof ImportFileError) throw error
      throw new ImportFileError('not_table_file', {}, { cause: error })
    } finally {
      parser.destroy()
      await chunks.return?.()
    }
  }

  return { encoding, delimiter, records: records() }
}

// ---------------------------------------------------------------- XLSX

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04]

type ReaderInternals = { properties?: { model?: { date1904?: boolean } } }

async function openXlsx(handle: FileHandle) {
  const start = Buffer.alloc(ZIP_SIGNATURE.length)
  const { bytesRead } = await handle.read(start, 0, start.length, 0)
  if (bytesRead < start.length || ZIP_SIGNATURE.some((byte, index) => start[index] !== byte)) {
    throw new ImportFileError('not_table_file')
  }
  let archive: Awaited<ReturnType<typeof workbookStream>>
  try {
    archive = await workbookStream(handle)
  } catch (error) {
    throw new ImportFileError('not_table_file', {}, { cause: error })
  }
  const { stream, release } = archive

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell a date from a number.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  const internals = reader as unknown as ReaderInternals

  async function* records(): AsyncGenerator<TableRow, void, undefined> {
    try {
      // The stream holds one worksheet, the first (xlsx_archive.ts).
      for await (const sheet of archive.guarded(reader)) {
        const date1904 = internals.properties?.model?.date1904 === true
        for await (const row of archive.guarded(sheet)) {
          const values: string[] = []
          row.eachCell({ includeEmpty: false }, (cell, column) => {
            values[column - 1] = cellText(cell.value, cell.numFmt, date1904).trim()
          })
          for (let index = 0; index < values.length; index++) values[index] ??= ''
          if (!isBlank(values)) yield { row: row.number, values }
        }
        break
      }
      if (archive.failure()) throw archive.failure()
    } catch (error) {
      if (error instanceof ImportFileError) throw error
      throw new ImportFileError('not_table_file', {}, { cause: archive.failure() ?? error })
    } finally {
      release()
      stream.destroy()
    }
  }
  return records()
}

/** Whether a number format shows a date (or time): y, m, d, h, s outside quoted text and [ ] parts. */
export function isDateFormat(format: string | undefined) {
  if (!format || format.toLowerCase() === 'general') return false
  const plain = format
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
  return /[ymdhs]/i.test(plain)
}

/** A spreadsheet serial day number as a date (days since 1899-12-30, or 1904-01-01). */
function serialDate(serial: number, date1904: boolean) {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000))
}

/** 'YYYY-MM-DD' from the UTC parts: exceljs gives a spreadsheet's wall-clock date as UTC. */
function dateText(date: Date) {
  if (Number.isNaN(date.getTime())) return ''
  const pad = (part: number, length = 2) => String(part).padStart(length, '0')
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

/**
 * A number as plain decimal text: integers in full (123456789012, not
 * 1.23456789012e+11), others to the 15 significant digits a spreadsheet
 * keeps (0.1 + 0.2 → 0.3), never with an exponent.
 */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return ''
  if (Number.isInteger(value)) {
    return Math.abs(value) < 1e21 ? value.toFixed(0) : BigInt(value).toString()
  }
  const rounded = Number(value.toPrecision(15))
  if (Number.isInteger(rounded)) return numberText(rounded)
  const text = String(rounded)
  if (!text.includes('e')) return text
  // Only small numbers get here (a 15-digit number of 1e15 or more is an integer).
  const [mantissa, exponent] = text.split('e')
  const sign = mantissa.startsWith('-') ? '-' : ''
  const unsigned = mantissa.replace('-', '')
  const point = unsigned.includes('.') ? unsigned.indexOf('.') : unsigned.length
  const digits = unsigned.replace('.', '')
  const shift = point + Number(exponent)
  return `${sign}0.${'0'.repeat(-shift)}${digits}`
}

/** Excel writes a character XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x). */
const XLSX_ESCAPE = /_x([0-9a-f]{4})_/gi
const unescapeXlsx = (text: string) =>
  text.replace(XLSX_ESCAPE, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)))

function cellText(value: unknown, format: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return unescapeXlsx(value)
  if (typeof value === 'number') {
    return isDateFormat(format) ? dateText(serialDate(value, date1904)) : numberText(value)
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value instanceof Date) return dateText(value)
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>
    if (Array.isArray(cell.richText)) {
      return unescapeXlsx(
        (cell.richText as { text?: string }[]).map((part) => part.text ?? '').join('')
      )
    }
    if ('formula' in cell || 'sharedFormula' in cell || 'result' in cell) {
      return cellText(cell.result, format, date1904)
    }
    if ('error' in cell) return String(cell.error)
    if ('text' in cell) return cellText(cell.text, format, date1904)
  }
  // Nothing a cell holds: no guessing ("[object Object]" is no value).
  throw new ImportFileError('not_table_file')
}
