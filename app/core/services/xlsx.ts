/*
| Spreadsheets (.xlsx) without a dependency: a minimal Office Open XML
| workbook (the parts a spreadsheet needs and no more) in a ZIP container
| written here. Numbers become numeric cells; everything else
| is an inline string. Inline strings are never read as formulas, so text
| starting with = + - @ stays text and needs no apostrophe (unlike CSV).
*/
import { crc32, deflateRawSync } from 'node:zlib'

export type XlsxSheet = { name: string; rows: unknown[][] }

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml'

// Every entry is dated 1980-01-01 00:00 (the ZIP epoch), so the same sheets give the same bytes.
const DOS_TIME = 0
const DOS_DATE = (1 << 5) | 1

/** A ZIP archive of the files, each deflated. Names must be ASCII. */
function zip(files: { name: string; text: string }[]) {
  const parts: Buffer[] = []
  const directory: Buffer[] = []
  let offset = 0
  for (const file of files) {
    const name = Buffer.from(file.name, 'ascii')
    const data = Buffer.from(file.text, 'utf8')
    const packed = deflateRawSync(data)
    const crc = crc32(data)

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
    local.writeUInt16LE(0, 6) // flags
    local.writeUInt16LE(8, 8) // method: deflate
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28) // extra field length

    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4) // version made by
    central.writeUInt16LE(20, 6) // version needed
    central.writeUInt16LE(0, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt16LE(DOS_TIME, 12)
    central.writeUInt16LE(DOS_DATE, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(name.length, 28)
    // extra, comment, disk number, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42)

    parts.push(local, name, packed)
    directory.push(central, name)
    offset += local.length + name.length + packed.length
  }

  const directorySize = directory.reduce((sum, part) => sum + part.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8) // entries on this disk
  end.writeUInt16LE(files.length, 10) // entries in all
  end.writeUInt32LE(directorySize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, ...directory, end])
}

// Characters XML 1.0 cannot hold at all: C0 controls other than tab, LF and CR, and lone surrogates.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function escapeXml(text: string) {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Cell text: Excel reads "_x0041_" as an escaped character, so a literal one has its "_" escaped. */
function cellText(text: string) {
  return escapeXml(text.replace(/_(x[0-9a-f]{4}_)/gi, '_x005F_$1'))
}

/** 0 → A, 25 → Z, 26 → AA. */
function columnName(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26))
  return index < 26 ? letter : columnName(Math.floor(index / 26) - 1) + letter
}

function cell(value: unknown, ref: string, style: string) {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') {
    // NaN and infinities have no cell value: left empty.
    return Number.isFinite(value) ? `<c r="${ref}"${style} t="n"><v>${value}</v></c>` : ''
  }
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${cellText(String(value))}</t></is></c>`
}

/** Column widths from the longest text in each column, within reason. */
function columnWidths(rows: unknown[][]) {
  const widths: number[] = []
  for (const row of rows) {
    row.forEach((value, index) => {
      const length = value === null || value === undefined ? 0 : String(value).length
      widths[index] = Math.max(widths[index] ?? 8, Math.min(length + 2, 60))
    })
  }
  return widths
}

function worksheet(rows: unknown[][]) {
  const widths = columnWidths(rows)
  const cols = widths.length
    ? `<cols>${widths.map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`).join('')}</cols>`
    : ''
  const sheetRows = rows.map((row, rowIndex) => {
    // The first row is the heading row, in bold (style 1).
    const style = rowIndex === 0 ? ' s="1"' : ''
    const cells = row.map((value, index) =>
      cell(value, `${columnName(index)}${rowIndex + 1}`, style)
    )
    return `<row r="${rowIndex + 1}">${cells.join('')}</row>`
  })
  return (
    XML_DECLARATION +
    `<worksheet xmlns="${MAIN_NS}">${cols}<sheetData>${sheetRows.join('')}</sheetData></worksheet>`
  )
}

// Cutting may split a surrogate pair or leave an apostrophe at the end.
const fit = (text: string, length: number) =>
  text.slice(0, length).replace(NOT_XML, '').replace(/'+$/, '').trim()

/**
 * Names Excel accepts: at most 31 characters, none of []:*?/\, not starting or
 * ending with an apostrophe, not "History" (reserved), unique without regard
 * to case.
 */
function sheetNames(names: string[]) {
  const taken = new Set(['history'])
  return names.map((name, index) => {
    const clean =
      name
        .replace(NOT_XML, '')
        .replace(/[[\]:*?/\\]/g, ' ')
        .replace(/^'+|'+$/g, '')
        .trim() || `Sheet${index + 1}`
    let unique = fit(clean, 31)
    for (let copy = 2; taken.has(unique.toLowerCase()); copy++) {
      const suffix = ` (${copy})`
      unique = fit(clean, 31 - suffix.length) + suffix
    }
    taken.add(unique.toLowerCase())
    return unique
  })
}

// Fonts: normal and bold. Excel requires the two built-in fills (none, gray125).
const STYLES =
  XML_DECLARATION +
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>'

/** A workbook with one worksheet per sheet, in order; the first row of each is bold. */
export function toXlsx(sheets: XlsxSheet[]): Buffer {
  if (sheets.length === 0) throw new Error('A workbook needs at least one sheet')
  const names = sheetNames(sheets.map((sheet) => sheet.name))
  const numbers = sheets.map((_, index) => index + 1)

  const contentTypes =
    XML_DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE}.sheet.main+xml"/>` +
    numbers
      .map(
        (n) =>
          `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${CONTENT_TYPE}.worksheet+xml"/>`
      )
      .join('') +
    `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE}.styles+xml"/>` +
    '</Types>'

  const packageRels =
    XML_DECLARATION +
    `<Relationships xmlns="${PACKAGE_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    '</Relationships>'

  const workbook =
    XML_DECLARATION +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
    numbers
      .map((n) => `<sheet name="${escapeXml(names[n - 1])}" sheetId="${n}" r:id="rId${n}"/>`)
      .join('') +
    '</sheets></workbook>'

  const workbookRels =
    XML_DECLARATION +
    `<Relationships xmlns="${PACKAGE_REL_NS}">` +
    numbers
      .map(
        (n) =>
          `<Relationship Id="rId${n}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`
      )
      .join('') +
    `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
    '</Relationships>'

  return zip([
    { name: '[Content_Types].xml', text: contentTypes },
    { name: '_rels/.rels', text: packageRels },
    { name: 'xl/workbook.xml', text: workbook },
    { name: 'xl/_rels/workbook.xml.rels', text: workbookRels },
    { name: 'xl/styles.xml', text: STYLES },
    ...sheets.map((sheet, index) => ({
      name: `xl/worksheets/sheet${index + 1}.xml`,
      text: worksheet(sheet.rows),
    })),
  ])
}
