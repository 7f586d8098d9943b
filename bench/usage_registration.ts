/*
| bench/usage-registration: registrations per second and latency of
| POST /usage against a running app on MariaDB/MySQL, beside the same
| lock-check-insert done by a bare mysql2 script, as a ratio.
|
|   DB_ENGINE=mysql node ace migration:run --connection=registry
|   DB_ENGINE=mysql node ace db:seed
|   DB_ENGINE=mysql node --import=@poppinss/ts-exec bin/server.ts
|   bench/usage-registration        (or: npm run bench:usage-registration)
|
| Options (environment): BENCH_URL (http://127.0.0.1:3333), BENCH_CLIENTS (20),
| BENCH_REGISTRATIONS (2000), BENCH_SPREAD (1: every client registers for the
| same show, the worst case for the lock; N: spread over N shows), and the
| DB_* settings of .env. It signs in as the demo venue user
| (kohde@kaikukanta.test) and adds its own offer, shows and cards, which it
| removes at the end.
*/
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { benchPool } from './mysql_pool.js'
import { generateCardCode } from '#registry/services/card_code'
import { percentile, signIn } from './staff_session.js'

if (existsSync('.env')) process.loadEnvFile('.env')

const BASE = process.env.BENCH_URL ?? 'http://127.0.0.1:3333'
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20)
const TOTAL = Number(process.env.BENCH_REGISTRATIONS ?? 2000)
const SPREAD = Number(process.env.BENCH_SPREAD ?? 1)
const VENUE_EMAIL = 'kohde@kaikukanta.test'

const pool = benchPool('registry', { connectionLimit: CLIENTS + 2, dateStrings: true })

const sqlNow = () => new Date().toISOString().slice(0, 19).replace('T', ' ')

type Fixture = { offerIds: number[]; occurrenceIds: number[]; codes: string[]; venueId: number }

/** An offer and shows of the demo venue, and enough valid cards, written straight to the database. */
async function prepare(label: string): Promise<Fixture> {
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
  const codes = Array.from({ length: TOTAL }, () => generateCardCode())
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

const signInAsVenue = () => signIn(BASE, VENUE_EMAIL, '/usage/register')

async function run(name: string, work: (index: number) => Promise<void>) {
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < TOTAL) {
        const index = next++
        const t0 = performance.now()
        await work(index)
        latencies.push(performance.now() - t0)
      }
    })
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const result = {
    name,
    perSecond: TOTAL / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  }
  console.log(
    `${name.padEnd(28)} ${result.perSecond.toFixed(0).padStart(6)} registrations/s   p50 ${result.p50.toFixed(1).padStart(6)} ms   p95 ${result.p95.toFixed(1).padStart(6)} ms`
  )
  return result
}

async function main() {
  console.log(
    `${TOTAL} registrations from ${CLIENTS} concurrent clients, over ${SPREAD} show(s), ${BASE}`
  )

  const app = await prepare('app')
  const sessions = await Promise.all(Array.from({ length: CLIENTS }, () => signInAsVenue()))
  let session = 0
  const viaApp = await run('app (POST /usage)', async (index) => {
    const { csrf, header } = sessions[session++ % sessions.length]
    const response = await fetch(BASE + '/usage', {
      method: 'POST',
      headers: { 'cookie': header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrf,
        code: app.codes[index],
        choice: `occurrence-${app.occurrenceIds[index % SPREAD]}`,
        childrenCount: '0',
        submissionKey: randomUUID(),
      }),
      redirect: 'manual',
    })
    if (response.status !== 302) throw new Error(`POST /usage answered ${response.status}`)
  })
  const [[{ registered }]] = (await pool.query(
    `SELECT COUNT(*) AS registered FROM uses WHERE offer_id IN (?)`,
    [app.offerIds]
  )) as any
  if (Number(registered) !== TOTAL)
    console.log(`  warning: ${registered} of ${TOTAL} were registered`)
  await cleanUp(app)

  // The same work without the app: lock the offer, read the card, count places, insert.
  const bare = await prepare('bare')
  const viaBare = await run('bare mysql2', async (index) => {
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
  await cleanUp(bare)

  console.log(
    `ratio app/bare: throughput ${(viaApp.perSecond / viaBare.perSecond).toFixed(2)}, p50 ${(viaApp.p50 / viaBare.p50).toFixed(1)}x, p95 ${(viaApp.p95 / viaBare.p95).toFixed(1)}x`
  )
  await pool.end()
}

await main()
