/*
| bench/stats-refresh: how long the statistics' scheduled refresh
| (`node ace stats:refresh`, app/stats/services/summary_refresh.ts) takes on
| the generated data set on MariaDB/MySQL after
|   (a) one new use, (b) 1,000 new uses, (c) one card's changed background data,
| each beside its goal and its floor: the refresh with nothing changed (the
| cost of looking for changes, which every refresh pays). Before the steps it
| waits until the data set's newest change is older than the refresh's
| overlap (config/statistics.ts), so the first refresh settles what is left
| and the second finds nothing. After each step it dates the rows it changed
| an hour back, so the next step's refresh sees only its own change. At the
| end it removes what it added, puts the card back and refreshes again,
| looking for deleted rows (`--deleted`).
|
|   DB_ENGINE=mysql node ace stats:generate                (1M cards, 5M uses)
|   bench/stats-refresh                                    (or: npm run bench:stats-refresh)
|
| Options (environment): BENCH_USES (1000, the uses of step b) and the DB_*
| settings of .env. Added uses have a submission key starting `bench-refresh-`.
*/
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import type mysql from 'mysql2/promise'
import { benchPool } from './mysql_pool.js'

if (existsSync('.env')) process.loadEnvFile('.env')

const MANY = Number(process.env.BENCH_USES ?? 1000)
/** config/statistics.ts refreshOverlapSeconds, and a margin. */
const OVERLAP_SECONDS = 300 + 10
const KEY_PREFIX = 'bench-refresh-'

const pool = benchPool('registry', { connectionLimit: 2, dateStrings: true })

const sqlNow = (shiftSeconds = 0) =>
  new Date(Date.now() + shiftSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ')

async function rows(sql: string, bindings: unknown[] = []) {
  const [result] = await pool.query<mysql.RowDataPacket[]>(sql, bindings)
  return result
}

type Refresh = { ms: number; what: string; wallMs: number }

/** One `node ace stats:refresh`: its own time (from its log line) and what it rebuilt. */
async function refresh(...args: string[]): Promise<Refresh> {
  const started = performance.now()
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['ace', 'stats:refresh', ...args],
    {
      env: process.env,
      maxBuffer: 16 * 1024 * 1024,
    }
  )
  const match = /refreshed in (\d+) ms(.*)/.exec(stdout)
  if (!match) throw new Error(`stats:refresh printed no time: ${stdout}`)
  return {
    ms: Number(match[1]),
    what: match[2].trim(),
    wallMs: Math.round(performance.now() - started),
  }
}

/** Waits until the newest change of the data set is older than the refresh's overlap. */
async function waitForQuiet() {
  const [row] = await rows(
    `SELECT GREATEST((SELECT MAX(updated_at) FROM uses), (SELECT MAX(updated_at) FROM cards),
       (SELECT MAX(updated_at) FROM offers), (SELECT MAX(updated_at) FROM organisations)) AS newest`
  )
  const newest = Date.parse(`${String(row.newest).replace(' ', 'T')}Z`)
  const wait = newest + OVERLAP_SECONDS * 1000 - Date.now()
  if (wait > 0) {
    console.log(
      `waiting ${Math.ceil(wait / 1000)} s until the last changes leave the overlap window`
    )
    await new Promise((resolve) => setTimeout(resolve, wait))
  }
}

/** Shows of this year at a few venues, for the new uses. */
async function someShows() {
  const year = new Date().getUTCFullYear()
  return rows(
    `SELECT s.id AS occurrence_id, s.offer_id, f.organisation_id
       FROM occurrences s JOIN offers f ON f.id = s.offer_id
      WHERE s.starts_at >= ? AND s.starts_at < ? ORDER BY s.id LIMIT 20`,
    [`${year}-01-01`, `${year + 1}-01-01`]
  )
}

/** Inserts uses today for `count` valid cards spread over the data set; returns their ids. */
async function addUses(count: number, shows: mysql.RowDataPacket[], offset: number) {
  const today = sqlNow().slice(0, 10)
  const cards = await rows(
    `SELECT code FROM cards WHERE status = 'active' AND valid_until >= ? ORDER BY id LIMIT ? OFFSET ?`,
    [today, count, offset]
  )
  const now = sqlNow()
  const values = cards.map((card, index) => {
    const show = shows[index % shows.length]
    return [
      card.code,
      show.organisation_id,
      show.offer_id,
      show.occurrence_id,
      today,
      1,
      0,
      'registered',
      show.organisation_id,
      `${KEY_PREFIX}${randomUUID()}`.slice(0, 36),
      now,
      now,
    ]
  })
  await pool.query(
    `INSERT INTO uses (card_code, organisation_id, offer_id, occurrence_id, used_on, places,
       children_count, status, registered_by_organisation_id, submission_key, created_at, updated_at)
     VALUES ?`,
    [values]
  )
  const added = await rows(`SELECT id FROM uses WHERE submission_key IN (?)`, [
    values.map((value) => value[9]),
  ])
  return added.map((row) => Number(row.id))
}

/** Dates rows an hour back: the next refresh does not look at them again. */
async function dateBack(table: 'uses' | 'cards', column: string, keys: unknown[]) {
  if (keys.length) {
    await pool.query(`UPDATE ${table} SET updated_at = ? WHERE ${column} IN (?)`, [
      sqlNow(-3600),
      keys,
    ])
  }
}

function print(label: string, result: Refresh, goalMs: number, floorMs: number) {
  const verdict = result.ms < goalMs ? 'meets' : 'MISSES'
  console.log(
    `${label.padEnd(34)} ${String(result.ms).padStart(7)} ms   goal < ${String(goalMs).padStart(5)} ms (${verdict})   floor ${String(floorMs).padStart(5)} ms   ${result.what}`
  )
}

async function main() {
  const [{ uses, cards }] = await rows(
    'SELECT (SELECT COUNT(*) FROM uses) AS uses, (SELECT COUNT(*) FROM cards) AS cards'
  )
  console.log(`Statistics refresh on ${cards} cards and ${uses} uses`)
  await waitForQuiet()
  const settle = await refresh()
  console.log(`settling refresh: ${settle.ms} ms ${settle.what}`)
  const floor = await refresh()
  print('nothing changed (the floor)', floor, 1000, floor.ms)

  const shows = await someShows()
  if (!shows.length) throw new Error('No shows this year: generate the data set first')
  const added: number[] = []
  try {
    const one = await addUses(1, shows, 0)
    added.push(...one)
    print('(a) 1 new use', await refresh(), 1000, floor.ms)
    await dateBack('uses', 'id', one)

    const many = await addUses(MANY, shows, 1)
    added.push(...many)
    print(`(b) ${MANY.toLocaleString('en')} new uses`, await refresh(), 5000, floor.ms)
    await dateBack('uses', 'id', many)

    // A card with several uses, so its change moves uses from one group to another.
    const [card] = await rows(
      `SELECT c.code, c.gender, c.life_situation FROM cards c
        WHERE c.code IN (SELECT card_code FROM uses WHERE used_on >= ? GROUP BY card_code HAVING COUNT(*) >= 5)
        ORDER BY c.id LIMIT 1`,
      [`${new Date().getUTCFullYear() - 1}-01-01`]
    )
    const changed = card.gender === 'woman' ? 'man' : 'woman'
    await pool.query(
      'UPDATE cards SET gender = ?, life_situation = ?, updated_at = ? WHERE code = ?',
      [changed, card.life_situation === 'retired' ? 'student' : 'retired', sqlNow(), card.code]
    )
    print("(c) one card's background data", await refresh(), 1000, floor.ms)
    await pool.query(
      'UPDATE cards SET gender = ?, life_situation = ?, updated_at = ? WHERE code = ?',
      [card.gender, card.life_situation, sqlNow(), card.code]
    )
  } finally {
    await pool.query(`DELETE FROM uses WHERE submission_key LIKE ?`, [`${KEY_PREFIX}%`])
    try {
      const cleanup = await refresh('--deleted')
      console.log(
        `removed the ${added.length} added uses; refresh after it: ${cleanup.ms} ms ${cleanup.what}`
      )
    } catch (error) {
      console.log(
        `removed the ${added.length} added uses; the refresh after it failed: ${(error as Error).message.split('\n')[0]}`
      )
    }
  }
}

try {
  await main()
} finally {
  await pool.end()
}
