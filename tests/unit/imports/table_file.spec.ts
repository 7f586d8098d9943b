import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import v8 from 'node:v8'
import vm from 'node:vm'
import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import { toXlsx } from '#core/services/xlsx'
import {
  ImportFileError,
  detectDelimiter,
  numberText,
  openTableFile,
} from '#imports/services/table_file'
import type { TableFile } from '#imports/services/table_file'

const fixture = (name: string) =>
  new URL(`../../fixtures/imports/${name}`, import.meta.url).pathname

async function readAll(file: TableFile) {
  const rows = []
  for await (const row of file.rows()) rows.push(row)
  return rows
}

/** Opens the file and reads every row; the error it is refused with, if any. */
async function refusal(path: string, fileName: string) {
  try {
    await readAll(await openTableFile(path, fileName))
  } catch (error) {
    if (error instanceof ImportFileError) return { reason: error.reason, params: error.params }
    throw error
  }
  return null
}

/** A ZIP archive of the files in the order given, stored (not compressed). */
function storedZip(files: [name: string, text: string][]) {
  const parts: Buffer[] = []
  const directory: Buffer[] = []
  let offset = 0
  for (const [fileName, text] of files) {
    const name = Buffer.from(fileName)
    const data = Buffer.from(text)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(10, 4)
    local.writeUInt32LE(crc32(data), 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(10, 4)
    central.writeUInt16LE(10, 6)
    central.writeUInt32LE(crc32(data), 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    parts.push(local, name, data)
    directory.push(central, name)
    offset += local.length + name.length + data.length
  }
  const size = directory.reduce((sum, part) => sum + part.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(size, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, ...directory, end])
}

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
const RELS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/**
 * The parts of a workbook whose first tab is sheet2.xml ("Kortit": shared
 * strings, rich text, a date by the built-in format 14), sheet1.xml a
 * second tab.
 */
const WORKBOOK_PARTS: Record<string, string> = {
  '[Content_Types].xml':
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
  '_rels/.rels': `<Relationships ${RELS}><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  'xl/_rels/workbook.xml.rels': `<Relationships ${RELS}><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  'xl/workbook.xml': `<workbook ${MAIN} xmlns:r="${R}"><sheets><sheet name="Kortit" sheetId="2" r:id="rId2"/><sheet name="Vanha" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  'xl/styles.xml': `<styleSheet ${MAIN}><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  'xl/sharedStrings.xml': `<sst ${MAIN}><si><t>Code</t></si><si><t>Issued_on</t></si><si><t>7KQM29XC4</t></si><si><r><t>Hämeen</t></r><r><rPr><b/></rPr><t>linna</t></r></si><si><t>Municipality</t></si><si><t>line_x000D_</t></si></sst>`,
  'xl/worksheets/sheet1.xml': `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>not this sheet</t></is></c></row></sheetData></worksheet>`,
  'xl/worksheets/sheet2.xml': `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>4</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>45322</v></c><c r="C2" t="s"><v>3</v></c><c r="D2" t="s"><v>5</v></c></row></sheetData></worksheet>`,
}

let dir: string
const temp = (name: string) => join(dir, name)

test.group('Import files: CSV', (group) => {
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kk-import-'))
    return () => rm(dir, { recursive: true, force: true })
  })

  test('UTF-8 with a byte-order mark, ";" and CRLF (Excel\'s "CSV UTF-8")', async ({ assert }) => {
    const file = await openTableFile(fixture('cards_utf8_bom.csv'), 'kortit.CSV')
    assert.equal(file.format, 'csv')
    assert.equal(file.encoding, 'utf-8')
    assert.equal(file.delimiter, ';')
    assert.equal(file.headerRow, 1)
    assert.deepEqual(file.headers, [
      'code',
      'type',
      'organisation',
      'issued_on',
      'valid_until',
      'municipality',
    ])
    // The empty rows Excel leaves at the end are skipped.
    assert.deepEqual(await readAll(file), [
      { row: 2, values: ['7KQM29XC4', 'perus', 'ORG-12', '1.2.2024', '31.12.2026', 'Hämeenlinna'] },
      { row: 3, values: ['KK001234', 'lapsi', 'ORG-7', '2024-02-01', '2026-12-31', 'Närpiö'] },
    ])
  })

  test('UTF-8 without a byte-order mark, "," and LF; a quoted value over two lines is one row', async ({
    assert,
  }) => {
    const file = await openTableFile(fixture('uses_utf8_comma.csv'), 'uses.csv')
    assert.equal(file.encoding, 'utf-8')
    assert.equal(file.delimiter, ',')
    assert.deepEqual(file.headers, [
      'source_id',
      'card_code',
      'venue',
      'event_name',
      'event_date',
      'places',
    ])
    const rows = await readAll(file)
    // Row 4 starts on line 5 of the file: rows are counted as a spreadsheet shows them.
    assert.deepEqual(
      rows.map(({ row }) => row),
      [2, 3, 4]
    )
    assert.equal(rows[0].values[3], 'Hamlet, näytös 2')
    assert.equal(rows[1].values[3], 'Kalevala-ilta\nja muita runoja')
    assert.equal(rows[1].values[4], '01.02.2024')
    assert.equal(rows[2].values[3], 'Sanottu "kiitos"')
  })

  test('Windows-1252 (Excel\'s "CSV" on a Finnish Windows)', async ({ assert }) => {
    const file = await openTableFile(fixture('cards_windows1252.csv'), 'cards.csv')
    assert.equal(file.encoding, 'windows-1252')
    assert.equal(file.delimiter, ';')
    assert.deepEqual(await readAll(file), [
      { row: 2, values: ['7KQM29XC4', 'Hämeenlinna', '€ ja Å'] },
      { row: 3, values: ['123456', 'Närpes', 'Öljy'] },
    ])
  })

  test('UTF-16, a binary file and bytes no encoding has are the wrong encoding', async ({
    assert,
  }) => {
    assert.deepEqual(await refusal(fixture('cards_utf16.csv'), 'cards.csv'), {
      reason: 'wrong_encoding',
      params: {},
    })
    assert.deepEqual(await refusal(fixture('not_text.csv'), 'cards.csv'), {
      reason: 'wrong_encoding',
      params: {},
    })
    // 0xE4 is "ä" in Windows-1252 but not UTF-8; 0x81 is nothing in Windows-1252.
    await writeFile(temp('neither.csv'), Buffer.from('code;x\r\nA\xe4\x81;1\r\n', 'latin1'))
    assert.deepEqual(await refusal(temp('neither.csv'), 'neither.csv'), {
      reason: 'wrong_encoding',
      params: {},
    })
  })

  test('a file read as UTF-8 with a Windows-1252 row later is refused at that row', async ({
    assert,
  }) => {
    // More than one chunk of plain ASCII first: the first chunk decides UTF-8.
    const lines = ['code;municipality']
    for (let index = 0; index < 5000; index++) lines.push(`CODE${index};Helsinki`)
    const ascii = Buffer.from(lines.join('\r\n') + '\r\n')
    const latin = Buffer.from('KK1;H\xe4meenlinna\r\nKK2;Turku\r\n', 'latin1')
    await writeFile(temp('mixed.csv'), Buffer.concat([ascii, latin]))
    assert.isAbove(ascii.length, 64 * 1024)

    const file = await openTableFile(temp('mixed.csv'), 'mixed.csv')
    assert.equal(file.encoding, 'utf-8')
    let last = 0
    const error = await (async () => {
      try {
        for await (const { row } of file.rows()) last = row
      } catch (caught) {
        return caught
      }
    })()
    assert.instanceOf(error, ImportFileError)
    assert.equal((error as ImportFileError).reason, 'wrong_encoding')
    assert.deepEqual((error as ImportFileError).params, { row: 5002 })
    assert.equal((error as ImportFileError).messageKey, 'import.file_errors.wrong_encoding_at_row')
    assert.equal(last, 5001)
  })

  test('a small Windows-1252 file whose only non-ASCII byte is its last is still Windows-1252', async ({
    assert,
  }) => {
    await writeFile(temp('last_byte.csv'), Buffer.from('code;place\r\nKK1;Espoo\xe4', 'latin1'))
    const file = await openTableFile(temp('last_byte.csv'), 'last_byte.csv')
    assert.equal(file.encoding, 'windows-1252')
    assert.deepEqual(await readAll(file), [{ row: 2, values: ['KK1', 'Espooä'] }])
  })

  test('the same header twice is refused, naming it', async ({ assert }) => {
    const error = await refusal(fixture('duplicate_column.csv'), 'cards.csv')
    assert.deepEqual(error, { reason: 'duplicate_column', params: { column: 'code' } })
  })

  test('an empty file, or one with blank rows only, has no header', async ({ assert }) => {
    await writeFile(temp('empty.csv'), '')
    await writeFile(temp('blank.csv'), '\ufeff;;;\r\n\r\n ; ; \r\n')
    assert.deepEqual(await refusal(temp('empty.csv'), 'empty.csv'), { reason: 'empty', params: {} })
    assert.deepEqual(await refusal(temp('blank.csv'), 'blank.csv'), { reason: 'empty', params: {} })
  })

  test('a file that is not .csv or .xlsx, or cannot be read, is not a table file', async ({
    assert,
  }) => {
    const notTable = { reason: 'not_table_file', params: {} }
    assert.deepEqual(await refusal(fixture('cards_utf8_bom.csv'), 'cards.xls'), notTable)
    assert.deepEqual(await refusal(fixture('cards_utf8_bom.csv'), 'cards'), notTable)
    assert.deepEqual(await refusal(temp('nowhere.csv'), 'nowhere.csv'), notTable)
    // CSV text named .xlsx
    assert.deepEqual(await refusal(fixture('cards_utf8_bom.csv'), 'cards.xlsx'), notTable)
  })

  test('the separator is the one that splits the header into more fields; ";" on a tie', ({
    assert,
  }) => {
    assert.equal(detectDelimiter('code;type;place\r\nA,B;C'), ';')
    assert.equal(detectDelimiter('code,type,place\nA;B'), ',')
    assert.equal(detectDelimiter('code;"type, old";place'), ';')
    assert.equal(detectDelimiter('"a;b",c,d'), ',')
    assert.equal(detectDelimiter('code,name;x'), ';')
    assert.equal(detectDelimiter('code'), ';')
    // Blank lines before the header do not count.
    assert.equal(detectDelimiter('\r\n;;\r\ncode,type'), ',')
  })

  test('blank rows are skipped but counted; short rows are padded, long ones keep their extra values', async ({
    assert,
  }) => {
    await writeFile(
      temp('gaps.csv'),
      'code , type ;;place\n\nA1;  perus ;;Oulu\n;;;\nA2\nA3;x;;y;extra\n'
    )
    const file = await openTableFile(temp('gaps.csv'), 'gaps.csv')
    assert.deepEqual(file.headers, ['code , type', '', 'place'])
    assert.deepEqual(await readAll(file), [
      { row: 3, values: ['A1', 'perus', '', 'Oulu'] },
      { row: 5, values: ['A2', '', ''] },
      { row: 6, values: ['A3', 'x', '', 'y', 'extra'] },
    ])
  })

  test('a quote that never closes is refused at the row it starts on', async ({ assert }) => {
    await writeFile(temp('quote.csv'), 'code;note\r\nA1;ok\r\nA2;"open\r\nA3;x\r\nA4;y\r\n')
    assert.deepEqual(await refusal(temp('quote.csv'), 'quote.csv'), {
      reason: 'unclosed_quote',
      params: { row: 3 },
    })
  })

  test('reading can stop early and the file closed without reading on', async ({ assert }) => {
    const file = await openTableFile(fixture('uses_utf8_comma.csv'), 'uses.csv')
    for await (const line of file.rows()) {
      assert.equal(line.row, 2)
      break
    }
    const unread = await openTableFile(fixture('uses_utf8_comma.csv'), 'uses.csv')
    await unread.close()
    assert.throws(() => file.rows(), /once/)
  })

  test('a file of 300,000 rows is streamed: memory stays flat', async ({ assert }) => {
    v8.setFlagsFromString('--expose-gc')
    const gc = vm.runInNewContext('gc') as () => void
    const path = temp('big.csv')
    const out = createWriteStream(path)
    out.write('source_id;code;type;organisation;issued_on;municipality\r\n')
    for (let index = 0; index < 300_000; index++) {
      const line = `${index};KK${String(index).padStart(7, '0')};perus;ORG-${index % 500};1.2.2024;Hämeenlinna\r\n`
      if (!out.write(line)) await once(out, 'drain')
    }
    out.end()
    await once(out, 'finish')

    const file = await openTableFile(path, 'big.csv')
    let count = 0
    let early = 0
    let late = 0
    for await (const { row } of file.rows()) {
      count++
      if (row === 20_000) {
        gc()
        early = process.memoryUsage().heapUsed
      }
      if (row === 290_000) {
        gc()
        late = process.memoryUsage().heapUsed
      }
    }
    assert.equal(count, 300_000)
    // 270,000 rows held would be tens of megabytes.
    assert.isBelow(late - early, 4 * 1024 * 1024)
  }).timeout(60_000)
})

test.group('Import files: XLSX', (group) => {
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kk-import-'))
    return () => rm(dir, { recursive: true, force: true })
  })

  test('a workbook written by exceljs: dates, numbers, rich text, formulas, booleans, gaps', async ({
    assert,
  }) => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Kortit')
    workbook.addWorksheet('Muistiinpanot').addRow(['not', 'this'])
    sheet.addRow([' Code ', 'Issued_on', 'Count', 'Municipality', 'Doubled', 'Child', 'Share'])
    sheet.addRow([
      '7KQM29XC4',
      new Date(Date.UTC(2024, 1, 1)),
      123456789012,
      { richText: [{ text: 'Hämeen' }, { font: { bold: true }, text: 'linna' }] },
      { formula: 'C2*2', result: 246913578024 },
      true,
      0.1 + 0.2,
    ])
    sheet.getCell('B2').numFmt = 'd.m.yyyy'
    sheet.addRow([]) // row 3 left empty
    sheet.addRow([
      123456,
      45322,
      1234567,
      { formula: 'UPPER("oulu")', result: 'OULU' },
      { formula: 'B4', result: 45322 },
      false,
      0.0000001,
    ])
    sheet.getCell('B4').numFmt = 'dd.mm.yyyy'
    sheet.getCell('E4').numFmt = 'yyyy-mm-dd'
    sheet.addRow(['KK001234', null, 0, null, null, null, 2.5])
    sheet.addRow(['', '', '']) // blank at the end
    const path = temp('exceljs.xlsx')
    await workbook.xlsx.writeFile(path)

    // Dates are the spreadsheet's, whatever the server's time zone.
    const zone = process.env.TZ
    process.env.TZ = 'America/New_York'
    try {
      const file = await openTableFile(path, 'Kortit.XLSX')
      assert.equal(file.format, 'xlsx')
      assert.isUndefined(file.encoding)
      assert.deepEqual(file.headers, [
        'code',
        'issued_on',
        'count',
        'municipality',
        'doubled',
        'child',
        'share',
      ])
      assert.deepEqual(await readAll(file), [
        {
          row: 2,
          values: [
            '7KQM29XC4',
            '2024-02-01',
            '123456789012',
            'Hämeenlinna',
            '246913578024',
            'true',
            '0.3',
          ],
        },
        {
          row: 4,
          values: ['123456', '2024-01-31', '1234567', 'OULU', '2024-01-31', 'false', '0.0000001'],
        },
        { row: 5, values: ['KK001234', '', '0', '', '', '', '2.5'] },
      ])
    } finally {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    }
  })

  test('the parts of a workbook may come in any order', async ({ assert }) => {
    const orders = [
      // Excel's order: the shared strings after the worksheets.
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/workbook.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet2.xml',
        'xl/styles.xml',
        'xl/sharedStrings.xml',
      ],
      // The shared strings and relationships first, the styles and the sheet list last.
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/_rels/workbook.xml.rels',
        'xl/sharedStrings.xml',
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet2.xml',
        'xl/styles.xml',
        'xl/workbook.xml',
      ],
    ]
    for (const [index, order] of orders.entries()) {
      const path = temp(`order${index}.xlsx`)
      await writeFile(path, storedZip(order.map((name) => [name, WORKBOOK_PARTS[name]])))
      const file = await openTableFile(path, 'cards.xlsx')
      assert.deepEqual(file.headers, ['code', 'issued_on', 'municipality'], `order ${index}`)
      assert.deepEqual(
        await readAll(file),
        [{ row: 2, values: ['7KQM29XC4', '2024-01-31', 'Hämeenlinna', 'line'] }],
        `order ${index}`
      )
    }
  })

  test('the first worksheet is the first visible tab, whatever its file is called', async ({
    assert,
  }) => {
    const parts = {
      ...WORKBOOK_PARTS,
      // A hidden tab first, the relationship id under another prefix.
      'xl/workbook.xml': `<workbook ${MAIN} xmlns:rel="${R}"><sheets><sheet name="Piilo" sheetId="1" state="hidden" rel:id="rId1"/><sheet name="Kortit" sheetId="2" rel:id="rId2"/></sheets></workbook>`,
    }
    await writeFile(
      temp('hidden.xlsx'),
      storedZip(Object.entries(parts).map(([name, text]) => [name, text]))
    )
    const file = await openTableFile(temp('hidden.xlsx'), 'cards.xlsx')
    assert.deepEqual(file.headers, ['code', 'issued_on', 'municipality'])
    await file.close()
  })

  test("a workbook from Kaikukanta's own writer (inline strings) reads back", async ({
    assert,
  }) => {
    const path = temp('own.xlsx')
    await writeFile(
      path,
      toXlsx([
        {
          name: 'Käytöt',
          rows: [
            ['source_id', 'card_code', 'event_name', 'places'],
            [5001, '7KQM29XC4', 'Hamlet & Ofelia <ensi-ilta>', 2],
            [5002, 'KK001234', '=not a formula', 1],
            [5003, 'KK_x0041_', 'Kalevala-ilta', null],
          ],
        },
        { name: 'Toinen', rows: [['x']] },
      ])
    )
    const file = await openTableFile(path, 'uses.xlsx')
    assert.deepEqual(file.headers, ['source_id', 'card_code', 'event_name', 'places'])
    assert.deepEqual(await readAll(file), [
      { row: 2, values: ['5001', '7KQM29XC4', 'Hamlet & Ofelia <ensi-ilta>', '2'] },
      { row: 3, values: ['5002', 'KK001234', '=not a formula', '1'] },
      { row: 4, values: ['5003', 'KK_x0041_', 'Kalevala-ilta', ''] },
    ])
  })

  test('reading a workbook can stop early', async ({ assert }) => {
    const path = temp('early.xlsx')
    await writeFile(path, toXlsx([{ name: 'A', rows: [['code'], ['x'], ['y'], ['z']] }]))
    const first = await openTableFile(path, 'early.xlsx')
    for await (const line of first.rows()) {
      assert.deepEqual(line, { row: 2, values: ['x'] })
      break
    }
    const again = await openTableFile(path, 'early.xlsx')
    assert.lengthOf(await readAll(again), 3)
  })

  test('a repeated header, an empty sheet, and a file that is no workbook are refused', async ({
    assert,
  }) => {
    await writeFile(
      temp('twice.xlsx'),
      toXlsx([
        {
          name: 'A',
          rows: [
            ['Code', 'code '],
            ['x', 'y'],
          ],
        },
      ])
    )
    assert.deepEqual(await refusal(temp('twice.xlsx'), 'twice.xlsx'), {
      reason: 'duplicate_column',
      params: { column: 'code' },
    })

    await writeFile(temp('empty.xlsx'), toXlsx([{ name: 'A', rows: [] }]))
    assert.deepEqual(await refusal(temp('empty.xlsx'), 'empty.xlsx'), {
      reason: 'empty',
      params: {},
    })

    const notTable = { reason: 'not_table_file', params: {} }
    await writeFile(temp('text.xlsx'), 'code;type\r\n')
    assert.deepEqual(await refusal(temp('text.xlsx'), 'text.xlsx'), notTable)
    const whole = toXlsx([{ name: 'A', rows: [['code'], ['x']] }])
    await writeFile(temp('cut.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)))
    assert.deepEqual(await refusal(temp('cut.xlsx'), 'cut.xlsx'), notTable)
  })

  test('a workbook whose data is damaged is refused, not waited on', async ({ assert }) => {
    const rows: unknown[][] = [['code', 'note']]
    for (let index = 0; index < 2000; index++) rows.push([`KK${index}`, `note ${index * 7919}`])
    const workbook = toXlsx([{ name: 'A', rows }])
    // Bytes inside the worksheet's compressed data.
    const at = workbook.indexOf('xl/worksheets/sheet1.xml') + 200
    for (let index = 0; index < 40; index++) workbook[at + index] ^= 0xa5
    await writeFile(temp('damaged.xlsx'), workbook)
    assert.deepEqual(await refusal(temp('damaged.xlsx'), 'damaged.xlsx'), {
      reason: 'not_table_file',
      params: {},
    })
  }).timeout(5000)

  test('a workbook of 50,000 rows is streamed: memory stays flat', async ({ assert }) => {
    v8.setFlagsFromString('--expose-gc')
    const gc = vm.runInNewContext('gc') as () => void
    const path = temp('big.xlsx')
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings: true,
    })
    const sheet = writer.addWorksheet('Kortit')
    sheet.addRow(['source_id', 'code', 'issued_on', 'municipality']).commit()
    for (let index = 0; index < 50_000; index++) {
      sheet
        .addRow([index, `KK${String(index).padStart(7, '0')}`, '1.2.2024', 'Hämeenlinna'])
        .commit()
    }
    sheet.commit()
    await writer.commit()

    const file = await openTableFile(path, 'big.xlsx')
    let count = 0
    let early = 0
    let late = 0
    for await (const { row, values } of file.rows()) {
      count++
      if (values[1] !== `KK${String(row - 2).padStart(7, '0')}`) throw new Error(`row ${row}`)
      if (row === 5_000) {
        gc()
        early = process.memoryUsage().heapUsed
      }
      if (row === 49_000) {
        gc()
        late = process.memoryUsage().heapUsed
      }
    }
    assert.equal(count, 50_000)
    // 44,000 rows held would be tens of megabytes.
    assert.isBelow(late - early, 4 * 1024 * 1024)
  }).timeout(60_000)

  test('numbers become plain text without exponent or float noise', ({ assert }) => {
    assert.equal(numberText(123456789012), '123456789012')
    assert.equal(numberText(1e21), '1000000000000000000000')
    assert.equal(numberText(0.1 + 0.2), '0.3')
    assert.equal(numberText(1.0000000000000002), '1')
    assert.equal(numberText(-0.00000125), '-0.00000125')
    assert.equal(numberText(96100), '96100')
    assert.equal(numberText(Number.NaN), '')
  })
})
