/*
| bench/import-read: how fast the import machinery reads a file and how much
| memory it takes, without a database: writes a cards file of BENCH_ROWS
| rows (300,000) as CSV (Windows-1252, ';') and as XLSX (exceljs's streaming
| writer, shared strings as Excel writes them), then reads each with
| openTableFile and passes every row through the identity guard. Prints
| rows per second and the heap held (after a collection, every 50,000 rows;
| the collections are in the time) and resident memory at their highest,
| each file read in a process of its own. The CSV's heap stays flat; the
| XLSX reader holds the shared-string table (each distinct text once).
|
|   bench/import-read                      (or: npm run bench:import-read)
|   BENCH_ROWS=1000000 bench/import-read
*/
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { IdentityGuard } from '#imports/services/identity_guard'
import { openTableFile } from '#imports/services/table_file'

const ROWS = Number(process.env.BENCH_ROWS ?? 300_000)
const HEADERS = [
  'source_id',
  'code',
  'type',
  'organisation',
  'issued_on',
  'valid_until',
  'birth_year',
  'gender',
  'mother_tongue',
  'postal_code',
  'municipality',
]

function row(index: number) {
  return [
    String(index),
    `KK${String(index).padStart(7, '0')}`,
    index % 7 === 0 ? 'lapsi' : 'perus',
    `ORG-${index % 500}`,
    `${(index % 28) + 1}.${(index % 12) + 1}.2019`,
    `${(index % 28) + 1}.${(index % 12) + 1}.2022`,
    String(1930 + (index % 90)),
    index % 2 ? 'nainen' : 'mies',
    index % 5 ? 'fi' : 'fi,sv',
    String(10_000 + (index % 90_000)).padStart(5, '0'),
    index % 3 ? 'Hämeenlinna' : 'Närpes',
  ]
}

async function writeCsv(path: string) {
  const out = createWriteStream(path)
  const line = (values: string[]) => Buffer.from(values.join(';') + '\r\n', 'latin1')
  out.write(line(HEADERS))
  for (let index = 0; index < ROWS; index++) {
    if (!out.write(line(row(index)))) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

async function writeXlsx(path: string) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
  })
  const sheet = workbook.addWorksheet('Kortit')
  sheet.addRow(HEADERS).commit()
  for (let index = 0; index < ROWS; index++) sheet.addRow(row(index)).commit()
  sheet.commit()
  await workbook.commit()
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

const collect = (globalThis as { gc?: () => void }).gc

async function read(path: string, fileName: string) {
  const started = performance.now()
  const base = process.memoryUsage()
  let peakHeap = base.heapUsed
  let peakRss = base.rss
  const file = await openTableFile(path, fileName)
  const guard = new IdentityGuard(file.headers, { headerRow: file.headerRow })
  let count = 0
  let wrong = 0
  for await (const { row: number, values } of file.rows()) {
    guard.check(number, values)
    if (values.join(';') !== row(number - 2).join(';')) wrong++
    if (++count % 50_000 === 0) {
      // What is held, not what waits to be collected.
      collect?.()
      const now = process.memoryUsage()
      peakHeap = Math.max(peakHeap, now.heapUsed)
      peakRss = Math.max(peakRss, now.rss)
    }
  }
  const seconds = (performance.now() - started) / 1000
  const { size } = await stat(path)
  console.log(
    `${fileName}: ${count} rows (${mb(size)}) in ${seconds.toFixed(1)} s, ` +
      `${Math.round(count / seconds)} rows/s; heap held at most ${mb(peakHeap)} ` +
      `(${mb(base.heapUsed)} before), resident at most ${mb(peakRss)}; ` +
      `identity found: ${guard.findings().length}; rows read wrong: ${wrong}`
  )
  if (wrong > 0 || count !== ROWS) process.exitCode = 1
}

if (process.argv[2] === 'read') {
  // In a process of its own, so that writing the files leaves nothing in its memory.
  await read(process.argv[3], process.argv[4])
} else {
  const dir = await mkdtemp(join(tmpdir(), 'kk-import-read-'))
  try {
    await writeCsv(join(dir, 'cards.csv'))
    await writeXlsx(join(dir, 'cards.xlsx'))
    for (const name of ['cards.csv', 'cards.xlsx']) {
      const child = fork(process.argv[1], ['read', join(dir, name), name], {
        execArgv: [...process.execArgv, '--expose-gc'],
      })
      const [code] = await once(child, 'exit')
      if (code !== 0) process.exitCode = 1
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
