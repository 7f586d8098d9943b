/*
| bench/import: the old register's move at the size of a large area, on the
| database .env names (MariaDB for the goal): writes an organisations file
| (BENCH_VENUES venues and as many distributors in the seeded area Kainuu),
| BENCH_CARDS cards (100,000; one in ten an old code without our check
| character) and BENCH_USES uses (300,000) as CSV, imports them with
| `node ace import:*` (each in its own process, as an operator would), and
| prints rows per second and peak resident memory of each, then the time of
| a full statistics refresh. Goal: ≥ 5,000 rows/s with flat memory.
|
| Needs migrated and seeded databases (the areas and municipalities):
|   DB_ENGINE=mysql node ace migration:run --connection=registry --force
|   DB_ENGINE=mysql node ace db:seed
|   DB_ENGINE=mysql bench/import            (or: npm run bench:import)
| The run's rows keep their source ids (prefix BENCH-<time>), so runs can follow one another.
*/
import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { generateCardCode } from '#registry/services/card_code'

const CARDS = Number(process.env.BENCH_CARDS ?? 100_000)
const USES = Number(process.env.BENCH_USES ?? 300_000)
const VENUES = Number(process.env.BENCH_VENUES ?? 50)
const AREA = process.env.BENCH_AREA ?? 'Kainuu'
const MUNICIPALITY = process.env.BENCH_MUNICIPALITY ?? 'Kajaani'
const RUN = `BENCH-${Date.now().toString(36)}`

async function writeCsv(path: string, header: string[], rows: Iterable<string[]>) {
  const out = createWriteStream(path)
  const write = async (line: string[]) => {
    if (!out.write(`${line.join(';')}\r\n`)) await once(out, 'drain')
  }
  await write(header)
  for (const row of rows) await write(row)
  out.end()
  await once(out, 'finish')
}

const pad = (value: number) => String(value).padStart(2, '0')
const day = (index: number, years: number) => {
  const date = new Date(Date.UTC(2019, 0, 1) + (index % (years * 365)) * 86_400_000)
  return `${date.getUTCDate()}.${date.getUTCMonth() + 1}.${date.getUTCFullYear()}`
}

function* organisations() {
  for (let index = 0; index < VENUES; index++) {
    yield [`${RUN}-V${index}`, `Kohde ${RUN} ${index}`, 'kohde', AREA, MUNICIPALITY, 'theatre']
    yield [`${RUN}-D${index}`, `Jakaja ${RUN} ${index}`, 'jakaja', AREA, MUNICIPALITY, '']
  }
}

/** Card codes: new ones, and every tenth an old one (our data characters, no check character). */
const codes: string[] = []
function* cards() {
  for (let index = 0; index < CARDS; index++) {
    let code = generateCardCode()
    if (index % 10 === 0) code = code.slice(0, 8)
    codes.push(code)
    const issued = day(index, 5)
    const [d, m, y] = issued.split('.').map(Number)
    // A year later; 29.2. has no twin next year (the import refuses 29.2.2021).
    const until = Math.min(d, new Date(Date.UTC(y + 1, m, 0)).getUTCDate())
    yield [
      `${RUN}-C${index}`,
      code,
      'henkilökohtainen',
      `${RUN}-D${index % VENUES}`,
      issued,
      `${pad(until)}.${pad(m)}.${y + 1}`,
      'voimassa',
      String(1950 + (index % 55)),
      index % 3 === 0 ? '87100' : '',
      String(index % 3),
      index % 4 === 0 ? 'fi' : '',
      ['woman', 'man', 'other', ''][index % 4],
      '',
      issued,
    ]
  }
}

function* uses() {
  for (let index = 0; index < USES; index++) {
    const card = index % CARDS
    yield [
      `${RUN}-U${index}`,
      codes[card],
      `${RUN}-V${index % VENUES}`,
      `Esitys ${index % 200}`,
      day(card + (index % 300), 5),
      '1',
      '0',
      'käytetty',
    ]
  }
}

/** Runs `node ace …` and measures its wall time and peak resident memory (GNU time). */
async function ace(args: string[]) {
  const started = performance.now()
  const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, 'ace', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  })
  let output = ''
  let errors = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (errors += chunk))
  const [code] = await once(child, 'exit')
  const seconds = (performance.now() - started) / 1000
  const peakKb = Number(errors.trim().split('\n').pop())
  if (code !== 0) throw new Error(`node ace ${args.join(' ')} failed:\n${output}\n${errors}`)
  return { seconds, peakMb: peakKb / 1024, output }
}

const dir = await mkdtemp(join(tmpdir(), 'kaikukanta-import-'))
try {
  const files = {
    organisations: join(dir, 'organisations.csv'),
    cards: join(dir, 'cards.csv'),
    uses: join(dir, 'uses.csv'),
  }
  await writeCsv(
    files.organisations,
    ['id', 'name', 'type', 'area', 'municipality', 'category'],
    organisations()
  )
  await writeCsv(
    files.cards,
    [
      'id',
      'code',
      'type',
      'organisation',
      'issued_on',
      'valid_until',
      'status',
      'birth_year',
      'postal_code',
      'children_count',
      'mother_tongues',
      'gender',
      'life_situation',
      'consent_given_on',
    ],
    cards()
  )
  await writeCsv(
    files.uses,
    ['id', 'card_code', 'venue', 'event', 'event_date', 'places', 'children', 'status'],
    uses()
  )
  console.log(`bench/import: ${VENUES * 2} organisations, ${CARDS} cards, ${USES} uses (${RUN})`)
  for (const [kind, rows] of [
    ['organisations', VENUES * 2],
    ['cards', CARDS],
    ['uses', USES],
  ] as const) {
    const { seconds, peakMb, output } = await ace([`import:${kind}`, files[kind]])
    const summary = output.split('\n').find((line) => line.startsWith('added')) ?? ''
    console.log(
      `${kind.padEnd(13)} ${String(rows).padStart(7)} rows in ${seconds.toFixed(1)} s: ${Math.round(rows / seconds)} rows/s, peak ${peakMb.toFixed(0)} MB resident (${summary})`
    )
  }
  const again = await ace(['import:cards', files.cards, '--dry-run'])
  console.log(`cards again (dry run, all unchanged): ${Math.round(CARDS / again.seconds)} rows/s`)
  const refresh = await ace(['stats:refresh', '--full'])
  console.log(`statistics refresh (--full) after the import: ${refresh.seconds.toFixed(1)} s`)
} finally {
  await rm(dir, { recursive: true, force: true })
}
