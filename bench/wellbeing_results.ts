/*
| bench/wellbeing-results: how long the wellbeing results page takes for the
| national centre (every area, with the by-area tables and paired change)
| and for one area, with many cards' answers in the registry on
| MariaDB/MySQL. Adds BENCH_CARDS cards to the demo distributor, each with
| SWB at issue a year ago, half with SWB and impact at extension this year,
| a third with WHO-5 and the participation indicator this year; asks the
| running app for /wellbeing as the demo admin; removes the cards.
|
|   DB_ENGINE=mysql node ace db:seed       (the demo users and organisations)
|   DB_ENGINE=mysql LOG_LEVEL=warn node --import=@poppinss/ts-exec bin/server.ts &
|   bench/wellbeing-results                (or: npm run bench:wellbeing-results)
|
| Options (environment): BENCH_URL (http://127.0.0.1:3333), BENCH_CARDS
| (50000), BENCH_REQUESTS (20), BENCH_KEEP (set: leave the cards, to study
| the queries; run again without it to remove them), and the DB_* settings of .env.
*/
import { existsSync } from 'node:fs'
import type mysql from 'mysql2/promise'
import { benchPool } from './mysql_pool.js'
import { percentile, signIn } from './staff_session.js'

if (existsSync('.env')) process.loadEnvFile('.env')

const BASE = process.env.BENCH_URL ?? 'http://127.0.0.1:3333'
const CARDS = Number(process.env.BENCH_CARDS ?? 50_000)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20)
const PREFIX = 'WB'

const pool = benchPool('registry', { connectionLimit: 2 })

const isoDay = (daysAgo: number) =>
  new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10)

/** Inserts rows in chunks; returns the first auto-increment id of each chunk with its size. */
async function insert(sql: string, rows: unknown[][]) {
  const firsts: { first: number; count: number }[] = []
  for (let index = 0; index < rows.length; index += 1000) {
    const chunk = rows.slice(index, index + 1000)
    const [result] = await pool.query<mysql.ResultSetHeader>(sql, [chunk])
    firsts.push({ first: result.insertId, count: chunk.length })
  }
  return firsts.flatMap(({ first, count }) => Array.from({ length: count }, (_, i) => first + i))
}

async function prepare() {
  const [[organisation]] = await pool.query<mysql.RowDataPacket[]>(
    `SELECT id, area_id FROM organisations WHERE name = 'Tampereen aikuissosiaalityö'`
  )
  if (!organisation) throw new Error('Seed the demo data first (node ace db:seed)')
  const now = new Date().toISOString().slice(0, 19).replace('T', ' ')
  const cardIds = await insert(
    `INSERT INTO cards (code, type, issuing_organisation_id, issued_on, valid_until, status, children_count, revision, created_at, updated_at) VALUES ?`,
    Array.from({ length: CARDS }, (_, i) => [
      `${PREFIX}${String(i).padStart(7, '0')}`,
      'personal',
      organisation.id,
      isoDay(400),
      isoDay(-330),
      'active',
      0,
      1,
      now,
      now,
    ])
  )
  const responses: { row: unknown[]; items: number[] }[] = []
  cardIds.forEach((cardId, i) => {
    responses.push({
      row: [cardId, 'swb', 'issue', isoDay(400), 4 + (i % 5), now],
      items: [4 + (i % 5)],
    })
    if (i % 2 === 0) {
      responses.push({
        row: [cardId, 'swb', 'extension', isoDay(1), 5 + (i % 6), now],
        items: [5 + (i % 6)],
      })
      responses.push({ row: [cardId, 'impact', 'extension', isoDay(1), 7, now], items: [7] })
    }
    if (i % 3 === 0) {
      const who5 = [0, 1, 2, 3, 4].map((item) => (i + item) % 6)
      const participation = Array.from({ length: 10 }, (_, item) => 1 + ((i + item) % 5))
      responses.push({
        row: [cardId, 'who5', 'omakaiku', isoDay(1), who5.reduce((a, b) => a + b), now],
        items: who5,
      })
      responses.push({
        row: [
          cardId,
          'participation',
          'omakaiku',
          isoDay(1),
          participation.reduce((a, b) => a + b),
          now,
        ],
        items: participation,
      })
    }
  })
  const responseIds = await insert(
    `INSERT INTO wellbeing_responses (card_id, instrument, context, answered_on, raw_score, created_at) VALUES ?`,
    responses.map((response) => response.row)
  )
  await insert(
    `INSERT INTO wellbeing_items (response_id, item, value) VALUES ?`,
    responses.flatMap((response, index) =>
      response.items.map((value, item) => [responseIds[index], item + 1, value])
    )
  )
  return { areaId: organisation.area_id as number, responses: responses.length }
}

async function time(label: string, path: string, header: () => string) {
  const latencies: number[] = []
  let bytes = 0
  for (let index = 0; index < REQUESTS; index++) {
    const started = performance.now()
    const response = await fetch(BASE + path, { headers: { cookie: header() } })
    const body = await response.text()
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`)
    latencies.push(performance.now() - started)
    bytes = body.length
  }
  latencies.sort((a, b) => a - b)
  console.log(
    `${label.padEnd(34)} p50 ${percentile(latencies, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(latencies, 95).toFixed(0).padStart(5)} ms   ${(bytes / 1024).toFixed(1)} kB`
  )
}

async function main() {
  console.log(`Adding ${CARDS} cards with their answers…`)
  const started = performance.now()
  try {
    const { areaId, responses } = await prepare()
    console.log(`${responses} responses in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    const { header } = await signIn(BASE, 'admin@kaikukanta.test', '/password')
    await time('/wellbeing (every area)', '/wellbeing', header)
    await time('/wellbeing?area= (one area)', `/wellbeing?area=${areaId}`, header)
    await time('/wellbeing.csv (every area)', '/wellbeing.csv', header)
  } finally {
    if (!process.env.BENCH_KEEP)
      await pool.query(`DELETE FROM cards WHERE code LIKE ?`, [`${PREFIX}%`])
    await pool.end()
  }
}

await main()
