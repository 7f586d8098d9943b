/*
| bench/stats: how long the statistics pages take on a large data set on
| MariaDB/MySQL, beside the bare SQL of the same numbers. For each page it
| signs in as the generated data set's staff user for it, asks the running app
| BENCH_REQUESTS times (after three warm-up requests) and prints p50, p95 and
| the page's size; then it asks `node ace stats:sql` for the statements the
| page's data function runs, runs them one after another with a bare mysql2
| connection (best of five runs of the whole list) and prints their time and
| the ratio p50 / bare SQL. Last, the server's resident memory
| (bench/server_memory.ts): run the bench twice to see whether it grows.
|
|   bash scripts/mariadb-setup.sh kaikukanta omakaiku      (fresh databases)
|   DB_ENGINE=mysql node ace migration:run --connection=registry --force
|   DB_ENGINE=mysql node ace migration:run --connection=omakaiku --force
|   DB_ENGINE=mysql node ace db:seed
|   DB_ENGINE=mysql node ace stats:generate                (1M cards, 5M uses)
|   DB_ENGINE=mysql LOG_LEVEL=warn node --import=@poppinss/ts-exec bin/server.ts &
|   bench/stats                                            (or: npm run bench:stats)
|
| Options (environment): BENCH_URL (http://127.0.0.1:3333), BENCH_REQUESTS
| (30), BENCH_YEAR (the last full year), BENCH_SECTIONS (set: every section
| of each dashboard, not only the overview its address opens on),
| BENCH_SERVER_PID (the server whose memory to read; else the one on the
| port of BENCH_URL), and the DB_* settings of .env.
*/
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import type mysql from 'mysql2/promise'
import { benchPool } from './mysql_pool.js'
import { serverMemory } from './server_memory.js'
import { percentile, signIn } from './staff_session.js'

if (existsSync('.env')) process.loadEnvFile('.env')

const BASE = process.env.BENCH_URL ?? 'http://127.0.0.1:3333'
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30)
const WARM_UP = 3
const YEAR = Number(process.env.BENCH_YEAR ?? new Date().getFullYear() - 1)
/** The password `node ace stats:generate` gives its users. */
const BENCH_PASSWORD = 'kaikukortti-bench'
const EMAILS = {
  admin: 'bench.admin@kaikukanta.test',
  coordinator: 'bench.coordinator@kaikukanta.test',
  distributor: 'bench.distributor@kaikukanta.test',
  venue: 'bench.venue@kaikukanta.test',
}
type Who = keyof typeof EMAILS
/** The sections of each dashboard (app/stats/services/dashboards.ts); the first is its address's. */
const SECTIONS = {
  area: ['overview', 'cards', 'uses', 'background', 'comparison'],
  distributor: ['overview', 'cards', 'uses', 'comparison'],
  venue: ['overview', 'events', 'visitors', 'comparison'],
}

const pool = benchPool('registry', { connectionLimit: 2 })

/** The generated staff users, their area and organisation. */
async function benchUsers() {
  const [rows] = await pool.query<mysql.RowDataPacket[]>(
    `SELECT u.email, u.area_id, u.organisation_id, o.area_id AS organisation_area_id
       FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id
      WHERE u.email IN (?)`,
    [Object.values(EMAILS)]
  )
  const byEmail = new Map(rows.map((row) => [row.email as string, row]))
  const missing = Object.values(EMAILS).filter((email) => !byEmail.has(email))
  if (missing.length) {
    throw new Error(
      `No ${missing.join(', ')}: generate the data set first (DB_ENGINE=mysql node ace stats:generate)`
    )
  }
  const user = (who: Who) => byEmail.get(EMAILS[who])!
  return {
    areaId: Number(user('coordinator').area_id),
    distributor: {
      id: Number(user('distributor').organisation_id),
      areaId: Number(user('distributor').organisation_area_id),
    },
    venue: {
      id: Number(user('venue').organisation_id),
      areaId: Number(user('venue').organisation_area_id),
    },
  }
}

type Page = {
  label: string
  path: string
  who: Who | null
  /** `node ace stats:sql` arguments for the same numbers. */
  sql: string[]
}

function pages(ids: Awaited<ReturnType<typeof benchUsers>>): Page[] {
  const year = `year=${YEAR}`
  const list: Page[] = [
    { label: 'public /statistics', path: '/statistics', who: null, sql: ['public'] },
  ]
  const dashboards: Array<{
    label: string
    kind: keyof typeof SECTIONS
    who: Who
    query: string
    scope: string[]
  }> = [
    {
      label: 'area (coordinator)',
      kind: 'area',
      who: 'coordinator',
      query: year,
      scope: [`--area=${ids.areaId}`],
    },
    { label: 'area (admin, national)', kind: 'area', who: 'admin', query: year, scope: [] },
    {
      label: 'area (admin, one area)',
      kind: 'area',
      who: 'admin',
      query: `${year}&area=${ids.areaId}`,
      scope: [`--area=${ids.areaId}`],
    },
    {
      label: 'distributor',
      kind: 'distributor',
      who: 'distributor',
      query: year,
      scope: [`--organisation=${ids.distributor.id}`, `--area=${ids.distributor.areaId}`],
    },
    {
      label: 'venue',
      kind: 'venue',
      who: 'venue',
      query: year,
      scope: [`--organisation=${ids.venue.id}`, `--area=${ids.venue.areaId}`],
    },
  ]
  for (const dashboard of dashboards) {
    const sections = process.env.BENCH_SECTIONS ? SECTIONS[dashboard.kind] : ['overview']
    for (const section of sections) {
      list.push({
        label: section === 'overview' ? dashboard.label : `${dashboard.label} ${section}`,
        path: `/stats/${dashboard.kind}${section === 'overview' ? '' : `/${section}`}?${dashboard.query}`,
        who: dashboard.who,
        sql: [dashboard.kind, `--year=${YEAR}`, ...dashboard.scope, `--section=${section}`],
      })
    }
    if (dashboard.who === 'coordinator') {
      list.push({
        label: 'report (coordinator)',
        path: `/stats/report?${year}`,
        who: 'coordinator',
        sql: ['report', `--year=${YEAR}`, `--area=${ids.areaId}`],
      })
    }
  }
  return list
}

/** p50, p95 (ms) and size of a page, after warming up. */
async function timePage(page: Page, header: () => string) {
  const latencies: number[] = []
  let bytes = 0
  for (let index = 0; index < WARM_UP + REQUESTS; index++) {
    const started = performance.now()
    const response = await fetch(BASE + page.path, {
      headers: { cookie: header() },
      redirect: 'manual',
    })
    const body = Buffer.from(await response.arrayBuffer())
    if (response.status !== 200) throw new Error(`${page.path}: status ${response.status}`)
    if (index >= WARM_UP) latencies.push(performance.now() - started)
    bytes = body.length
  }
  latencies.sort((a, b) => a - b)
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), bytes }
}

type Statement = { sql: string; bindings: unknown[] }

/** The statements the page's data function runs, from `node ace stats:sql`. */
async function statementsOf(args: string[]): Promise<Statement[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['ace', 'stats:sql', ...args], {
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
  })
  const line = stdout.split('\n').find((candidate) => candidate.startsWith('{"statements"'))
  if (!line) throw new Error('stats:sql printed no statements')
  return (JSON.parse(line) as { statements: Statement[] }).statements
}

/** The whole list run one statement after another on one connection: the best of five, in ms. */
async function bareSql(statements: Statement[]) {
  const connection = await pool.getConnection()
  try {
    let best = Infinity
    for (let run = 0; run < 5; run++) {
      const started = performance.now()
      for (const { sql, bindings } of statements) await connection.query(sql, bindings)
      best = Math.min(best, performance.now() - started)
    }
    return best
  } finally {
    connection.release()
  }
}

async function main() {
  const ids = await benchUsers()
  const list = pages(ids)
  console.log(
    `Statistics of ${YEAR}, ${REQUESTS} requests each after ${WARM_UP} warm-up, against ${BASE}`
  )
  const sessions = new Map<Who | null, () => string>([[null, () => '']])
  for (const who of new Set(list.map((page) => page.who))) {
    if (!who) continue
    const session = await signIn(BASE, EMAILS[who], '/password', BENCH_PASSWORD)
    sessions.set(who, session.header)
  }
  const sqlTimes = new Map<string, number | null>()
  const rows: string[][] = []
  const notes: string[] = []
  for (const page of list) {
    let timing: { p50: number; p95: number; bytes: number } | null = null
    try {
      timing = await timePage(page, sessions.get(page.who)!)
    } catch (error) {
      notes.push(`${page.label}: ${(error as Error).message}`)
    }
    const key = page.sql.join(' ')
    if (!sqlTimes.has(key)) {
      try {
        sqlTimes.set(key, await bareSql(await statementsOf(page.sql)))
      } catch (error) {
        sqlTimes.set(key, null)
        const reason = (error as Error).message.trim().split('\n').slice(-1)[0]
        notes.push(`${page.label}: bare SQL unavailable (node ace stats:sql ${key}: ${reason})`)
      }
    }
    const sql = sqlTimes.get(key) ?? null
    rows.push([
      page.label,
      timing ? timing.p50.toFixed(0) : 'failed',
      timing ? timing.p95.toFixed(0) : '',
      timing ? `${(timing.bytes / 1024).toFixed(1)} kB` : '',
      sql === null ? 'n/a' : sql.toFixed(0),
      sql === null || !timing ? '' : `${(timing.p50 / Math.max(sql, 0.1)).toFixed(1)}×`,
    ])
  }
  const header = ['page', 'p50 ms', 'p95 ms', 'size', 'bare SQL ms', 'p50 / SQL']
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length))
  )
  const format = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column])
      )
      .join('  ')
  console.log(format(header))
  for (const row of rows) console.log(format(row))
  for (const note of notes) console.log(note)
  console.log(serverMemory(BASE))
}

try {
  await main()
} finally {
  await pool.end()
}
