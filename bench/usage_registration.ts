/*
| bench/usage-registration: a box office registration against a running app
| on MariaDB/MySQL, in one run, side by side:
|
|   no JS     POST /usage and the page its redirect leads to, as a browser
|             without JavaScript does it
|   htmx      POST /usage with htmx's headers: the app answers with only
|             what changed (the answer and the form), no redirect
|   POST      POST /usage alone (its redirect not followed)
|   floor     POST /bench/floor: the same lock-count-insert through Lucid,
|             behind the same middleware, no page (bench/floor_routes.ts)
|   empty     POST /bench/empty: the same middleware, nothing else
|   bare      the lock-check-insert on a bare mysql2 pool, without the app
|
|   paced     the htmx round trip again, with the CLIENTS clients sending at a
|             set rate between them (BENCH_PACES), as box offices do: each
|             request's latency counts from the moment it was due, so a
|             queue behind a slow answer counts too
|
| Each prints registrations (requests) per second, p50/p95 latency and the
| server process's CPU time per registration (user + system from
| /proc/<pid>/stat over the run), then the ratios POST ÷ floor. The floor and
| empty routes exist only on a server started with BENCH_FLOOR_ROUTES=1,
| which production refuses: see bench/README.md for how to start it.
|
| Options (environment): BENCH_URL (http://127.0.0.1:3333), BENCH_SERVER_PID
| (else the process listening on BENCH_URL's port), BENCH_CLIENTS (20),
| BENCH_REGISTRATIONS (2000 a row, after BENCH_WARMUP: 200 unmeasured),
| BENCH_SPREAD (10 shows; 1: every client on one show, the worst case for the
| lock), BENCH_ONLY (rows to run, e.g. "nojs,floor"), BENCH_ROUNDS (5: the
| POST, htmx and floor rows run in turns this many times, and their medians
| and the ratio are printed; the machine's drift moves single rows by a fifth),
| BENCH_PREHEAT (10000: requests each path the chosen rows take serves
| unmeasured before the first row, in five turns, for the JIT to compile
| them as on a server that has run for a while), BENCH_PACES (the
| paced rows' rates, registrations a second: "20,50,100"), and the DB_* settings
| of .env. It signs in as the demo venue user (kohde@kaikukanta.test) and
| adds its own offer, shows and cards, which it removes at the end.
*/
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { benchPool } from './mysql_pool.js'
import { generateCardCode } from '#registry/services/card_code'
import { percentile, signIn } from './staff_session.js'
import { cpuMs, pidListeningOn } from './server_cpu.js'
import { request } from './http_client.js'

if (existsSync('.env')) process.loadEnvFile('.env')

const BASE = process.env.BENCH_URL ?? 'http://127.0.0.1:3333'
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20)
const TOTAL = Number(process.env.BENCH_REGISTRATIONS ?? 2000)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200)
const SPREAD = Number(process.env.BENCH_SPREAD ?? 10)
const ONLY = process.env.BENCH_ONLY?.split(',')
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const PREHEAT = Number(process.env.BENCH_PREHEAT ?? 10_000)
const PACES = (process.env.BENCH_PACES ?? '20,50,100').split(',').map(Number)
const VENUE_EMAIL = 'kohde@kaikukanta.test'
const SERVER_PID =
  Number(process.env.BENCH_SERVER_PID) || pidListeningOn(Number(new URL(BASE).port || 80))

const pool = benchPool('registry', { connectionLimit: CLIENTS + 2, dateStrings: true })

const sqlNow = () => new Date().toISOString().slice(0, 19).replace('T', ' ')

type Fixture = { offerIds: number[]; occurrenceIds: number[]; codes: string[]; venueId: number }

/** An offer and shows of the demo venue, and enough valid cards, written straight to the database. */
async function prepare(label: string, cards = WARMUP + TOTAL): Promise<Fixture> {
  const [[venue]] = (await pool.query(
    `SELECT o.id, o.municipality_id FROM organisations o JOIN users u ON u.organisation_id = o.id WHERE u.email = ?`,
    [VENUE_EMAIL]
  )) as any
  if (!venue) throw new Error(`Seed the demo data first: no ${VENUE_EMAIL}`)
  const [[distributor]] = (await pool.query(
    `SELECT id FROM organisations WHERE type = 'distributor' ORDER BY id LIMIT 1`
  )) as any
  const [[genre]] = (await pool.query(`SELECT id FROM genres ORDER BY id LIMIT 1`)) as any
  const now = sqlNow()
  const offerIds: number[] = []
  const occurrenceIds: number[] = []
  for (let i = 0; i < SPREAD; i++) {
    const [offer] = (await pool.query(
      `INSERT INTO offers (organisation_id, title, description, type, genre_id, municipality_id, location,
        accessibility, children_allowed, guest_production, once_per_card, weekends_excluded, published,
        created_at, updated_at)
       VALUES (?, ?, 'Bench', 'performance', ?, ?, 'Bench', 'Bench', 1, 0, 0, 0, 0, ?, ?)`,
      [venue.id, `Bench ${label} ${i}`, genre.id, venue.municipality_id, now, now]
    )) as any
    offerIds.push(offer.insertId)
    const startsAt = new Date(Date.now() + 3 * 86400_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ')
    const [occurrence] = (await pool.query(
      `INSERT INTO occurrences (offer_id, starts_at, capacity, card_cap, created_at, updated_at)
       VALUES (?, ?, 100000, NULL, ?, ?)`,
      [offer.insertId, startsAt, now, now]
    )) as any
    occurrenceIds.push(occurrence.insertId)
  }
  const today = now.slice(0, 10)
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`
  const codes = Array.from({ length: cards }, () => generateCardCode())
  for (let i = 0; i < codes.length; i += 500) {
    const rows = codes
      .slice(i, i + 500)
      .map((code) => [code, 'personal', distributor.id, today, nextYear, 'active', 0, 1, now, now])
    await pool.query(
      `INSERT INTO cards (code, type, issuing_organisation_id, issued_on, valid_until, status,
        children_count, revision, created_at, updated_at) VALUES ?`,
      [rows]
    )
  }
  return { offerIds, occurrenceIds, codes, venueId: venue.id }
}

async function cleanUp(fixture: Fixture) {
  await pool.query(`DELETE FROM uses WHERE offer_id IN (?)`, [fixture.offerIds])
  await pool.query(`DELETE FROM occurrences WHERE offer_id IN (?)`, [fixture.offerIds])
  await pool.query(`DELETE FROM offers WHERE id IN (?)`, [fixture.offerIds])
  await pool.query(`DELETE FROM cards WHERE code IN (?)`, [fixture.codes])
}

type Client = Awaited<ReturnType<typeof signIn>>
const signInAsVenue = () => signIn(BASE, VENUE_EMAIL, '/usage/register')

type Row = {
  name: string
  perSecond: number
  p50: number
  p95: number
  /** The server's CPU a request (ms), null without its pid. */
  cpu: number | null
  /** The bench's own CPU a request (ms): it shares the machine with the server. */
  benchCpu: number
}

const figure = (ms: number | null) => (ms === null ? '     -' : ms.toFixed(2).padStart(6))

function printRow(row: Row) {
  console.log(
    `${row.name.padEnd(38)} ${row.perSecond.toFixed(0).padStart(6)}/s   p50 ${row.p50.toFixed(1).padStart(6)} ms   p95 ${row.p95.toFixed(1).padStart(6)} ms   server CPU ${figure(row.cpu)} ms   bench CPU ${figure(row.benchCpu)} ms`
  )
}

/**
 * Requests `from` to `to` from CLIENTS clients at once: each sends its next
 * request when the last one is answered, or with a pace (registrations a
 * second between them all), when it is due. A paced request's latency counts
 * from when it was due.
 */
async function drive(
  from: number,
  to: number,
  work: (index: number, client: number) => Promise<void>,
  latencies: number[],
  pace?: number
) {
  let next = from
  const start = performance.now()
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (next < to) {
        const index = next++
        const due = pace ? start + ((index - from) * 1000) / pace : performance.now()
        const wait = due - performance.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
        await work(index, client)
        latencies.push(performance.now() - due)
      }
    })
  )
}

/** WARMUP unmeasured requests, then TOTAL measured ones, and the row's figures printed. */
async function run(
  name: string,
  work: (index: number, client: number) => Promise<void>,
  pace?: number
) {
  await drive(0, WARMUP, work, [], pace)
  const latencies: number[] = []
  const cpuBefore = SERVER_PID ? cpuMs(SERVER_PID) : 0
  const ownBefore = process.cpuUsage()
  const started = performance.now()
  await drive(WARMUP, WARMUP + TOTAL, work, latencies, pace)
  const seconds = (performance.now() - started) / 1000
  const cpu = SERVER_PID ? (cpuMs(SERVER_PID) - cpuBefore) / TOTAL : null
  const own = process.cpuUsage(ownBefore)
  latencies.sort((a, b) => a - b)
  const row: Row = {
    name,
    perSecond: TOTAL / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    cpu,
    benchCpu: (own.user + own.system) / 1000 / TOTAL,
  }
  printRow(row)
  return row
}

/** The middle value (of an odd number; of an even one, the upper middle). */
const median = (values: number[]) =>
  [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]

/** The row with each figure the median of the rounds'. */
function medianRow(rows: Row[]): Row {
  const cpus = rows.flatMap((row) => (row.cpu === null ? [] : [row.cpu]))
  return {
    name: rows[0].name,
    perSecond: median(rows.map((row) => row.perSecond)),
    p50: median(rows.map((row) => row.p50)),
    p95: median(rows.map((row) => row.p95)),
    cpu: cpus.length ? median(cpus) : null,
    benchCpu: median(rows.map((row) => row.benchCpu)),
  }
}

async function post(client: Client, path: string, fields: Record<string, string>, headers = {}) {
  const response = await request(BASE + path, {
    method: 'POST',
    headers: {
      'cookie': client.header(),
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: new URLSearchParams({ _csrf: client.csrf, ...fields }).toString(),
  })
  client.keep(response)
  return response
}

async function get(client: Client, path: string, headers = {}) {
  const response = await request(new URL(path, BASE).href, {
    headers: { cookie: client.header(), ...headers },
  })
  client.keep(response)
  return response
}

const registration = (fixture: Fixture, index: number) => ({
  code: fixture.codes[index],
  choice: `occurrence-${fixture.occurrenceIds[index % SPREAD]}`,
  childrenCount: '0',
  submissionKey: randomUUID(),
})

async function registered(fixture: Fixture, expected: number) {
  const [[{ count }]] = (await pool.query(
    `SELECT COUNT(*) AS count FROM uses WHERE offer_id IN (?)`,
    [fixture.offerIds]
  )) as any
  if (Number(count) !== expected) console.log(`  warning: ${count} of ${expected} were registered`)
}

/** A row of registrations on a fixture of its own, checked and removed afterwards. */
/** `use` on a fixture of its own (`prepare`), removed afterwards whatever happens. */
async function onFixture<Result>(
  label: string,
  cards: number,
  use: (fixture: Fixture) => Promise<Result>
) {
  const fixture = await prepare(label, cards)
  try {
    return await use(fixture)
  } finally {
    await cleanUp(fixture)
  }
}

async function registrations(
  name: string,
  work: (fixture: Fixture, index: number, client: number) => Promise<void>,
  pace?: number
) {
  return onFixture(name, WARMUP + TOTAL, async (fixture) => {
    const row = await run(name, (index, client) => work(fixture, index, client), pace)
    await registered(fixture, WARMUP + TOTAL)
    return row
  })
}

const wanted = (row: string) => !ONLY || ONLY.includes(row)

/**
 * Requests that warm the server's code without being measured, on a fixture
 * of their own: a server starts with its code interpreted, and the JIT
 * compiles the paths it sees most, over tens of thousands of requests.
 */
async function preheat(
  label: string,
  count: number,
  work: (fixture: Fixture, index: number, client: number) => Promise<void>
) {
  await onFixture(label, count, (fixture) =>
    drive(0, count, (index, client) => work(fixture, index, client), [])
  )
}

async function main() {
  console.log(
    `${TOTAL} registrations a row (after ${WARMUP} unmeasured) from ${CLIENTS} concurrent clients, over ${SPREAD} show(s), ${BASE}, server pid ${SERVER_PID ?? 'unknown: no CPU figures'}`
  )
  // One after another: sign-ins at once would trip the account's sign-in throttle.
  const clients: Client[] = []
  for (let i = 0; i < CLIENTS; i++) clients.push(await signInAsVenue())
  const probe = await post(clients[0], '/bench/empty', {})
  const floorThere = probe.status === 204
  if (!floorThere) console.log('(no floor routes: start the server with BENCH_FLOOR_ROUTES=1)')
  const rows: Record<string, Row> = {}

  const postAlone = async (f: Fixture, index: number, client: number) => {
    const answer = await post(clients[client], '/usage', registration(f, index))
    if (answer.status !== 302) throw new Error(`POST /usage answered ${answer.status}`)
  }
  const postFloor = async (f: Fixture, index: number, client: number) => {
    const answer = await post(clients[client], '/bench/floor', {
      code: f.codes[index],
      offerId: String(f.offerIds[index % SPREAD]),
      occurrenceId: String(f.occurrenceIds[index % SPREAD]),
      submissionKey: randomUUID(),
    })
    if (answer.status !== 204) throw new Error(`POST /bench/floor answered ${answer.status}`)
  }
  const noJsRegistration = async (f: Fixture, index: number, client: number) => {
    const answer = await post(clients[client], '/usage', registration(f, index))
    if (answer.status !== 302) throw new Error(`POST /usage answered ${answer.status}`)
    const page = await get(clients[client], answer.headers.get('location')!)
    if (page.status !== 200) throw new Error(`GET after POST /usage answered ${page.status}`)
    await page.text()
  }
  // The headers htmx 2 sends with the box office form (its target's id; the form has none).
  const htmxRegistration = async (f: Fixture, index: number, client: number) => {
    const htmx = {
      'hx-request': 'true',
      'hx-current-url': `${BASE}/usage/register`,
      'hx-target': 'box-office',
    }
    const answer = await post(clients[client], '/usage', registration(f, index), htmx)
    if (answer.status !== 200) throw new Error(`htmx POST /usage answered ${answer.status}`)
    const fragment = await answer.text()
    if (!fragment.includes('data-registered'))
      throw new Error('htmx POST /usage answered without the registration')
  }

  const alone = async () => registrations('POST /usage alone', postAlone)
  const inPlace = async () => registrations('htmx: POST /usage answered in place', htmxRegistration)
  const floor = async () => registrations('floor: POST /bench/floor', postFloor)

  // Warmed first, in turns of a fifth: a server that has run for a day has compiled these paths.
  const warmed = [
    ...(wanted('nojs') ? [['no JS', noJsRegistration] as const] : []),
    ...(wanted('post') ? [['POST /usage', postAlone] as const] : []),
    ...(wanted('htmx') || wanted('paced') ? [['htmx', htmxRegistration] as const] : []),
    ...(floorThere && wanted('floor') ? [['floor', postFloor] as const] : []),
  ]
  if (PREHEAT > 0 && warmed.length) {
    const turn = Math.ceil(PREHEAT / 5)
    for (let done = 0; done < PREHEAT; done += turn)
      for (const [label, work] of warmed) await preheat(`preheat ${label}`, turn, work)
    console.log(
      `(${warmed.map(([label]) => label).join(' and ')} warmed by ${PREHEAT} requests each, unmeasured)`
    )
  }

  if (wanted('nojs'))
    rows.nojs = await registrations('no JS: POST /usage + GET page', noJsRegistration)

  if (wanted('paced'))
    for (const pace of PACES) await registrations(`htmx paced at ${pace}/s`, htmxRegistration, pace)

  // POST /usage, the htmx round trip and the floor taken in turns, ROUNDS of each: the machine's
  // drift falls on all alike, and a row's figures are the medians of its rounds', not one row's luck.
  const postRounds = wanted('post')
  const htmxRounds = wanted('htmx')
  const floorRounds = floorThere && wanted('floor')
  if (postRounds || htmxRounds || floorRounds) {
    const rounds: { post?: Row; htmx?: Row; floor?: Row }[] = []
    for (let round = 0; round < ROUNDS; round++)
      rounds.push({
        post: postRounds ? await alone() : undefined,
        htmx: htmxRounds ? await inPlace() : undefined,
        floor: floorRounds ? await floor() : undefined,
      })
    const medianOf = (taken: (Row | undefined)[]) => {
      const row = medianRow(taken.filter((r): r is Row => r !== undefined))
      if (ROUNDS > 1) printRow({ ...row, name: `${row.name}, median` })
      return row
    }
    const postRow = postRounds ? medianOf(rounds.map((r) => r.post)) : undefined
    if (htmxRounds) rows.htmx = medianOf(rounds.map((r) => r.htmx))
    if (floorRounds) rows.floor = medianOf(rounds.map((r) => r.floor))
    if (postRow && rows.floor) {
      // The ratio round by round, each from two rows measured one after the other; its median is the figure.
      const ratios = rounds.map((r) => r.post!.perSecond / r.floor!.perSecond)
      const cpuRatios = rounds.flatMap((r) =>
        r.post!.cpu && r.floor!.cpu ? [r.post!.cpu / r.floor!.cpu] : []
      )
      console.log(
        `POST /usage ÷ floor, the median of ${ROUNDS} rounds: throughput ${median(ratios).toFixed(2)}` +
          (cpuRatios.length ? `, server CPU ${median(cpuRatios).toFixed(2)}x` : '') +
          ` (round by round: ${ratios.map((r) => r.toFixed(2)).join(', ')}); ` +
          `medians of the rows: ${postRow.cpu?.toFixed(2)} ms against ${rows.floor.cpu?.toFixed(2)} ms`
      )
    }
  }

  if (floorThere && wanted('empty'))
    rows.empty = await run('empty: POST /bench/empty', async (_, client) => {
      const answer = await post(clients[client], '/bench/empty', {})
      if (answer.status !== 204) throw new Error(`POST /bench/empty answered ${answer.status}`)
    })

  if (wanted('bare')) {
    // The same work without the app: lock the offer, read the card, count places, insert.
    rows.bare = await onFixture('bare', WARMUP + TOTAL, (bare) =>
      run('bare mysql2', async (index) => {
        const connection = await pool.getConnection()
        try {
          const offerId = bare.offerIds[index % SPREAD]
          const occurrenceId = bare.occurrenceIds[index % SPREAD]
          await connection.beginTransaction()
          await connection.query(`SELECT id FROM offers WHERE id = ? FOR UPDATE`, [offerId])
          await connection.query(`SELECT * FROM cards WHERE code = ?`, [bare.codes[index]])
          await connection.query(
            `SELECT SUM(places) AS taken FROM uses WHERE occurrence_id = ? AND status <> 'cancelled'`,
            [occurrenceId]
          )
          const now = sqlNow()
          await connection.query(
            `INSERT INTO uses (card_code, organisation_id, offer_id, occurrence_id, used_on, places, children_count,
            status, registered_by_organisation_id, submission_key, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 1, 0, 'registered', ?, ?, ?, ?)`,
            [
              bare.codes[index],
              bare.venueId,
              offerId,
              occurrenceId,
              now.slice(0, 10),
              bare.venueId,
              randomUUID(),
              now,
              now,
            ]
          )
          await connection.commit()
        } finally {
          connection.release()
        }
      })
    )
  }

  const { floor: floorRow, empty, nojs, htmx } = rows
  if (empty?.cpu && floorRow?.cpu)
    console.log(
      `floor ${floorRow.cpu.toFixed(2)} ms, empty ${empty.cpu.toFixed(2)} ms of server CPU a request`
    )
  for (const row of [nojs, htmx]) {
    if (row?.cpu && floorRow?.cpu)
      console.log(
        `${row.name}: ${row.cpu.toFixed(2)} ms of server CPU a registration, ${(row.cpu / floorRow.cpu).toFixed(1)}x the floor's`
      )
  }
  await pool.end()
}

await main()
