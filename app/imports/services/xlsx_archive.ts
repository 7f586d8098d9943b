import type { FileHandle } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { crc32, inflateRawSync } from 'node:zlib'

/*
| The parts of an XLSX file (a ZIP archive) for exceljs's streaming reader,
| in the order it needs them. exceljs 4.4 reads the archive front to back
| and parses a worksheet as it comes only once it has seen the workbook's
| relationships and shared strings; otherwise it copies the worksheet to a
| temporary file and parses it after the archive. That fails on the order
| many writers use: a worksheet before the workbook part throws (its sheet
| list is missing), one before the styles reads its dates as numbers, and
| the archive reader it uses (unzipper 0.10) signals the end as soon as it
| has read the last byte, so parts still waiting behind a slow one (the
| shared strings behind a worksheet being copied) are silently lost.
|
| So the archive's central directory (at its end) is read here, and exceljs
| gets a stream of just the parts it reads, taken byte for byte from the
| file (each behind a plain local header: sizes known, no data descriptor):
| the workbook's relationships, the workbook, the styles, the shared
| strings (an empty table when the workbook has none, as with inline
| strings) and the first worksheet, then no end: the stream stays open
| until `release()`, so no part is cut off. The worksheet is parsed as it
| streams: no row is held and nothing is written to disk.
|
| The first worksheet is the first visible one in the workbook's tab order
| (xl/workbook.xml and its relationships, read here: both are small).
*/

/** The file is no workbook this reader can read (not a ZIP archive, parts missing, ZIP64, encrypted). */
export class NotAWorkbookError extends Error {}

type Entry = {
  name: string
  flags: number
  method: number
  crc: number
  packedSize: number
  size: number
  offset: number
  /** Where the packed data starts (after the local header). */
  dataOffset: number
}

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_ENTRY = 0x04034b50
/** The end record (22 bytes) and the longest comment a ZIP archive may have. */
const TAIL_BYTES = 22 + 0xffff
/** An XLSX file's directory is a few kilobytes; more is no workbook to import. */
const MAX_DIRECTORY_BYTES = 4 * 1024 * 1024
/** The workbook part and its relationships are read whole; they list sheets, nothing more. */
const MAX_LIST_BYTES = 4 * 1024 * 1024
const READ_BYTES = 64 * 1024

const RELATIONSHIPS = 'xl/_rels/workbook.xml.rels'
const WORKBOOK = 'xl/workbook.xml'
const STYLES = 'xl/styles.xml'
const SHARED_STRINGS = 'xl/sharedStrings.xml'
/** The worksheet names exceljs reads. */
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/

async function readAt(handle: FileHandle, position: number, length: number) {
  const buffer = Buffer.alloc(length)
  const { bytesRead } = await handle.read(buffer, 0, length, position)
  return buffer.subarray(0, bytesRead)
}

async function directory(handle: FileHandle): Promise<Map<string, Entry>> {
  const { size } = await handle.stat()
  const tailStart = Math.max(0, size - TAIL_BYTES)
  const tail = await readAt(handle, tailStart, size - tailStart)
  let end = -1
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tail.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at
      break
    }
  }
  if (end < 0) throw new NotAWorkbookError('no end of central directory')
  const count = tail.readUInt16LE(end + 10)
  const length = tail.readUInt32LE(end + 12)
  const start = tail.readUInt32LE(end + 16)
  if (count === 0xffff || start === 0xffffffff || length > MAX_DIRECTORY_BYTES) {
    throw new NotAWorkbookError('ZIP64 or a huge directory')
  }
  const data = await readAt(handle, start, length)
  const entries = new Map<string, Entry>()
  let at = 0
  for (let index = 0; index < count; index++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== DIRECTORY_ENTRY) {
      throw new NotAWorkbookError('broken central directory')
    }
    const nameLength = data.readUInt16LE(at + 28)
    const entry = {
      flags: data.readUInt16LE(at + 8),
      method: data.readUInt16LE(at + 10),
      crc: data.readUInt32LE(at + 16),
      packedSize: data.readUInt32LE(at + 20),
      size: data.readUInt32LE(at + 24),
      offset: data.readUInt32LE(at + 42),
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
      dataOffset: 0,
    }
    entries.set(entry.name, entry)
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32)
  }
  return entries
}

/** Checks an entry's local header and where its data is; refuses what cannot be read. */
async function locate(handle: FileHandle, entry: Entry, fileSize: number) {
  if (entry.flags & 0x01) throw new NotAWorkbookError(`${entry.name} is encrypted`)
  if (entry.method !== 0 && entry.method !== 8) {
    throw new NotAWorkbookError(`${entry.name}: compression ${entry.method}`)
  }
  const local = await readAt(handle, entry.offset, 30)
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_ENTRY) {
    throw new NotAWorkbookError(`${entry.name}: broken local header`)
  }
  entry.dataOffset = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28)
  if (entry.dataOffset + entry.packedSize > fileSize) {
    throw new NotAWorkbookError(`${entry.name} is cut short`)
  }
}

async function text(handle: FileHandle, entry: Entry) {
  if (entry.size > MAX_LIST_BYTES || entry.packedSize > MAX_LIST_BYTES) {
    throw new NotAWorkbookError(`${entry.name} is too big`)
  }
  const packed = await readAt(handle, entry.dataOffset, entry.packedSize)
  return (entry.method === 8 ? inflateRawSync(packed) : packed).toString('utf8')
}

/** The attributes of each element with this local name (any namespace prefix), by their names. */
function elements(xml: string, localName: string) {
  const found: Record<string, string>[] = []
  for (const [, attributes] of xml.matchAll(
    new RegExp(`<(?:[\\w.-]+:)?${localName}\\b([^>]*)>`, 'g')
  )) {
    const values: Record<string, string> = {}
    for (const [, name, double, single] of attributes.matchAll(
      /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g
    )) {
      values[name] = double ?? single
    }
    found.push(values)
  }
  return found
}

/** The archive path of the first visible worksheet in tab order. */
function firstWorksheet(workbook: string, relationships: string, entries: Map<string, Entry>) {
  const targets = new Map<string, string>()
  for (const relationship of elements(relationships, 'Relationship')) {
    const target = relationship.Target ?? ''
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`
    targets.set(relationship.Id, path)
  }
  const sheets = elements(workbook, 'sheet').map((sheet) => {
    // The relationship id is r:id, whatever the prefix ("sheetId" is another thing).
    const idName = Object.keys(sheet).find((name) => /^[\w.-]+:id$/.test(name))
    return {
      path: idName ? targets.get(sheet[idName]) : undefined,
      visible: !sheet.state || sheet.state === 'visible',
    }
  })
  const readable = sheets.filter(
    (sheet) => sheet.path && WORKSHEET.test(sheet.path) && entries.has(sheet.path)
  )
  return (readable.find((sheet) => sheet.visible) ?? readable[0])?.path
}

/** A local header with the sizes in it and no data descriptor to follow. */
function localHeader(
  entry: Pick<Entry, 'name' | 'flags' | 'method' | 'crc' | 'packedSize' | 'size'>
) {
  const name = Buffer.from(entry.name, 'utf8')
  const header = Buffer.alloc(30)
  header.writeUInt32LE(LOCAL_ENTRY, 0)
  header.writeUInt16LE(20, 4)
  // Bit 3 (sizes in a data descriptor) off; bit 11 (UTF-8 name) on.
  header.writeUInt16LE((entry.flags & ~0x08) | 0x800, 6)
  header.writeUInt16LE(entry.method, 8)
  header.writeUInt32LE(entry.crc, 14)
  header.writeUInt32LE(entry.packedSize, 18)
  header.writeUInt32LE(entry.size, 22)
  header.writeUInt16LE(name.length, 26)
  return Buffer.concat([header, name])
}

const EMPTY_SHARED_STRINGS = Buffer.from(
  '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
)

/**
 * The workbook's parts as exceljs's WorkbookReader should read them (see
 * above), with the first worksheet's path; `release()` ends the stream once
 * the reading is done.
 */
export async function workbookStream(handle: FileHandle) {
  const entries = await directory(handle)
  const { size: fileSize } = await handle.stat()
  const relationships = entries.get(RELATIONSHIPS)
  const workbook = entries.get(WORKBOOK)
  if (!relationships || !workbook) throw new NotAWorkbookError('not a workbook')
  await locate(handle, relationships, fileSize)
  await locate(handle, workbook, fileSize)
  const worksheetPath = firstWorksheet(
    await text(handle, workbook),
    await text(handle, relationships),
    entries
  )
  if (!worksheetPath) throw new NotAWorkbookError('no worksheet')

  const parts: Array<Entry | { name: string; data: Buffer }> = [relationships, workbook]
  const styles = entries.get(STYLES)
  if (styles) parts.push(styles)
  // No shared strings (inline strings only): an empty table, so that the worksheet streams.
  parts.push(entries.get(SHARED_STRINGS) ?? { name: SHARED_STRINGS, data: EMPTY_SHARED_STRINGS })
  parts.push(entries.get(worksheetPath)!)
  for (const part of parts) {
    if ('offset' in part && part.dataOffset === 0) await locate(handle, part, fileSize)
  }

  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })

  // A read that fails ends the stream (exceljs pipes it: an error would never reach it, it would
  // wait); the worksheet is then cut short, which exceljs reports, and failure() tells why.
  let failure: unknown
  async function* bytes() {
    try {
      yield* partBytes()
    } catch (error) {
      failure = error
      return
    }
    // No end: see above.
    await released
  }

  async function* partBytes() {
    for (const part of parts) {
      if ('data' in part) {
        const size = part.data.length
        const made = { name: part.name, flags: 0, method: 0, crc: crc32(part.data) }
        yield localHeader({ ...made, packedSize: size, size })
        yield part.data
        continue
      }
      yield localHeader(part)
      let position = part.dataOffset
      let left = part.packedSize
      while (left > 0) {
        const chunk = await readAt(handle, position, Math.min(READ_BYTES, left))
        if (chunk.length === 0) throw new NotAWorkbookError(`${part.name} is cut short`)
        yield chunk
        position += chunk.length
        left -= chunk.length
      }
    }
  }

  const stream = Readable.from(bytes(), { objectMode: false })

  // exceljs pipes the stream into its archive reader and does not listen for that reader's
  // errors (a part's data that does not inflate): it would wait for ever. So the reader's
  // errors are caught here and fail whatever is being waited for.
  let broken: unknown
  let failWaiting: ((error: unknown) => void) | undefined
  const pipe = stream.pipe.bind(stream)
  stream.pipe = ((destination: NodeJS.WritableStream, options?: { end?: boolean }) => {
    destination.on('error', (error: unknown) => {
      broken ??= error
      failWaiting?.(error)
    })
    return pipe(destination, options)
  }) as typeof stream.pipe

  /** The items of an iterable that reads from the stream, failing when the archive reader fails. */
  async function* guarded<T>(iterable: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
    const iterator = iterable[Symbol.asyncIterator]()
    let settled = false
    try {
      for (;;) {
        if (broken) throw broken
        const next = await new Promise<IteratorResult<T>>((resolve, reject) => {
          failWaiting = reject
          iterator.next().then(resolve, reject)
        })
        failWaiting = undefined
        if (next.done) {
          settled = true
          return
        }
        yield next.value
      }
    } catch (error) {
      settled = true
      throw error
    } finally {
      // Stopped early by the reader of the rows: the iterator waits at a yield and can return.
      if (!settled) await iterator.return?.()
    }
  }

  return {
    stream,
    worksheetPath,
    release,
    guarded,
    /** Why reading the file failed, if it did. */
    failure: () => failure ?? broken,
  }
}
