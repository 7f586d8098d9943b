import { inflateRawSync } from 'node:zlib'
import { test } from '@japa/runner'
import { toXlsx } from '#core/services/xlsx'

/** CRC-32 bit by bit, independent of the table the writer uses. */
function crc32(data: Buffer) {
  let crc = 0xffffffff
  for (const byte of data) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (crc & 1 ? 0xedb88320 : 0)
  }
  return (crc ^ 0xffffffff) >>> 0
}

type Entry = { name: string; text: string; crc: number; crcOfData: number }

/**
 * Reads a ZIP archive the way an unzip tool does: the end record, the
 * central directory, then each entry's local header and its deflated data.
 */
function unzip(archive: Buffer): Map<string, Entry> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (end < 0) throw new Error('no end of central directory')
  const count = archive.readUInt16LE(end + 10)
  let at = archive.readUInt32LE(end + 16)
  const entries = new Map<string, Entry>()
  for (let index = 0; index < count; index++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header ${index}`)
    const method = archive.readUInt16LE(at + 10)
    const crc = archive.readUInt32LE(at + 16)
    const packedSize = archive.readUInt32LE(at + 20)
    const size = archive.readUInt32LE(at + 24)
    const nameLength = archive.readUInt16LE(at + 28)
    const skip = archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32)
    const offset = archive.readUInt32LE(at + 42)
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength)
    at += 46 + nameLength + skip

    if (archive.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header ${name}`)
    if (archive.readUInt32LE(offset + 14) !== crc) throw new Error(`local CRC differs: ${name}`)
    const localName = archive.toString(
      'utf8',
      offset + 30,
      offset + 30 + archive.readUInt16LE(offset + 26)
    )
    if (localName !== name) throw new Error(`local name differs: ${name}`)
    const start =
      offset + 30 + archive.readUInt16LE(offset + 26) + archive.readUInt16LE(offset + 28)
    const packed = archive.subarray(start, start + packedSize)
    const data = method === 8 ? inflateRawSync(packed) : packed
    if (data.length !== size) throw new Error(`size differs: ${name}`)
    entries.set(name, { name, text: data.toString('utf8'), crc, crcOfData: crc32(data) })
  }
  return entries
}

test.group('XLSX', () => {
  test('the CRC used to check the archive is the standard CRC-32', ({ assert }) => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926)
  })

  test('a workbook is a ZIP of the parts a spreadsheet needs, every CRC right', ({ assert }) => {
    const entries = unzip(
      toXlsx([
        {
          name: 'Kortit',
          rows: [
            ['Kuukausi', 'Kortteja'],
            ['1/2026', 12],
          ],
        },
        { name: 'Käytöt', rows: [['Kohde', 'Käyttöjä']] },
      ])
    )
    assert.sameMembers(
      [...entries.keys()],
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/workbook.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet2.xml',
      ]
    )
    for (const entry of entries.values()) assert.equal(entry.crc, entry.crcOfData, entry.name)

    const types = entries.get('[Content_Types].xml')!.text
    assert.include(types, 'PartName="/xl/worksheets/sheet2.xml"')
    assert.include(types, 'PartName="/xl/styles.xml"')
    const workbook = entries.get('xl/workbook.xml')!.text
    assert.include(workbook, '<sheet name="Kortit" sheetId="1" r:id="rId1"/>')
    assert.include(workbook, '<sheet name="Käytöt" sheetId="2" r:id="rId2"/>')
    const rels = entries.get('xl/_rels/workbook.xml.rels')!.text
    assert.include(
      rels,
      'Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"'
    )
    assert.include(
      rels,
      'Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"'
    )
  })

  test('numbers are numeric cells and text is escaped inline text', ({ assert }) => {
    const sheet = unzip(
      toXlsx([
        {
          name: 'Data',
          rows: [
            ['Nimi', 'Määrä'],
            ['<b>&"Teatteri"', 1234],
            ['Osuus', 12.5],
            ['Tyhjä', null],
            ['Ohjaus\u0007merkki', -3],
          ],
        },
      ])
    ).get('xl/worksheets/sheet1.xml')!.text

    assert.include(sheet, '<c r="B2" t="n"><v>1234</v></c>')
    assert.include(sheet, '<c r="B3" t="n"><v>12.5</v></c>')
    assert.include(sheet, '<c r="B5" t="n"><v>-3</v></c>')
    assert.include(
      sheet,
      '<c r="A2" t="inlineStr"><is><t xml:space="preserve">&lt;b&gt;&amp;&quot;Teatteri&quot;</t></is></c>'
    )
    assert.notInclude(sheet, '<b>')
    assert.include(
      sheet,
      '<row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve">Tyhjä</t></is></c></row>'
    )
    assert.include(sheet, '>Ohjausmerkki<')
    // The heading row is bold (style 1), the rest plain.
    assert.include(sheet, '<c r="A1" s="1" t="inlineStr">')
    assert.include(sheet, '<c r="B1" s="1" t="inlineStr">')
  })

  test('text that looks like a formula stays text', ({ assert }) => {
    const sheet = unzip(toXlsx([{ name: 'A', rows: [['=1+1', '+358', '-2', '@SUM(A1)']] }])).get(
      'xl/worksheets/sheet1.xml'
    )!.text
    assert.notInclude(sheet, '<f>')
    for (const text of ['=1+1', '+358', '-2', '@SUM(A1)']) {
      assert.include(sheet, `t="inlineStr"><is><t xml:space="preserve">${text}</t>`)
    }
  })

  test('columns past Z are named AA, AB, …', ({ assert }) => {
    const row = Array.from({ length: 28 }, (_, index) => index)
    const sheet = unzip(toXlsx([{ name: 'Wide', rows: [[], row] }])).get(
      'xl/worksheets/sheet1.xml'
    )!.text
    assert.include(sheet, '<c r="Z2" t="n"><v>25</v></c>')
    assert.include(sheet, '<c r="AB2" t="n"><v>27</v></c>')
  })

  test('sheet names are made ones Excel accepts, and unique', ({ assert }) => {
    const workbook = unzip(
      toXlsx([
        { name: 'Käytöt kohteittain ja kuukausittain 2026', rows: [] },
        { name: 'Käytöt kohteittain ja kuukausittain 2026', rows: [] },
        { name: 'a/b [c]: *?\\', rows: [] },
        { name: 'History', rows: [] },
        { name: '', rows: [] },
      ])
    ).get('xl/workbook.xml')!.text
    const names = [...workbook.matchAll(/<sheet name="([^"]*)"/g)].map((match) => match[1])
    assert.deepEqual(names, [
      'Käytöt kohteittain ja kuukausit',
      'Käytöt kohteittain ja kuuka (2)',
      'a b  c',
      'History (2)',
      'Sheet5',
    ])
    for (const name of names) assert.isAtMost(name.length, 31)
  })

  test('a workbook without sheets is refused', ({ assert }) => {
    assert.throws(() => toXlsx([]), /at least one sheet/)
  })
})
