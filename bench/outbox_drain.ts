/*
| bench/outbox: queues 100,000 venue news messages of one campaign (50,000
| holders who chose venue news by e-mail and SMS) in the outbox on MariaDB/MySQL and drains them with two
| worker processes (`node ace outbox:work --until-empty`) through the real
| clients (SMTP with @adonisjs/mail, the twilio library) to loopback fakes
| started here. Prints messages per second and how many were sent twice.
|
|   bash scripts/mariadb-setup.sh kaikukanta omakaiku
|   DB_ENGINE=mysql node ace migration:run --connection=omakaiku --force
|   bench/outbox                      (or: npm run bench:outbox)
|
| Options (environment): BENCH_HOLDERS (50000), BENCH_WORKERS (2),
| BENCH_PROFILE (set: each worker writes a CPU profile to /tmp/prof), and the
| DB_* settings of .env. Quiet hours are switched off for the workers (the
| bench measures throughput at any hour). Everything it adds is removed.
*/
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { benchPool } from './mysql_pool.js'
import { FakeSmtp } from '#tests/helpers/fake_smtp'
import { FakeTwilio } from '#tests/helpers/fake_twilio'

if (existsSync('.env')) process.loadEnvFile('.env')

const HOLDERS = Number(process.env.BENCH_HOLDERS ?? 50_000)
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2)
const SMTP_PORT = 2626
const TWILIO_PORT = 2627
const MARK = `bench-${randomUUID().slice(0, 8)}`
// The loopback fakes check that the workers sign in with these.
const SMTP_USERNAME = 'bench'
const SMTP_PASSWORD = 'bench-password'
const TWILIO_ACCOUNT_SID = 'AC' + '0'.repeat(32)
const TWILIO_AUTH_TOKEN = 'bench'

const pool = benchPool('omakaiku', { connectionLimit: 4 })

const sqlTime = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ')

async function insertInChunks(sql: string, rows: unknown[][], size = 1000) {
  for (let index = 0; index < rows.length; index += size) {
    await pool.query(sql, [rows.slice(index, index + size)])
  }
}

let campaignId = 0

/**
 * Holders who chose venue news by e-mail and SMS, one campaign, and one of its
 * messages per holder and channel. The worker sends a message only while its
 * reason holds: a staff message while its campaign exists (a ticket reminder
 * would need a real ticket in the registry).
 */
async function enqueue() {
  const now = sqlTime(new Date())
  const started = performance.now()
  const accounts = Array.from({ length: HOLDERS }, (_, i) => [
    `B${String(i).padStart(8, '0')}`,
    'Bench',
    'Holder',
    `${MARK}-${i}@bench.invalid`,
    `+35850${String(i).padStart(7, '0')}`,
    1,
    'fi',
    now,
    now,
    now,
  ])
  await insertInChunks(
    `INSERT INTO accounts (card_code, first_name, last_name, email, phone, municipality_id, locale,
      activated_at, created_at, updated_at) VALUES ?`,
    accounts
  )
  const [ids] = (await pool.query(`SELECT id, card_code FROM accounts WHERE email LIKE ?`, [
    `${MARK}-%`,
  ])) as any
  await insertInChunks(
    `INSERT INTO notification_settings (account_id, enabled, venue_news, by_email, by_sms, updated_at) VALUES ?`,
    ids.map((a: any) => [a.id, 1, 1, 1, 1, now])
  )
  const [campaign] = (await pool.query(
    `INSERT INTO campaigns (organisation_id, kind, audience, body_fi, by_email, by_sms, send_at,
      dispatched_at, recipients, submission_key, created_at)
     VALUES (1, 'venue_news', 'visitors_of_venue', 'Uusi näytös on ohjelmistossa.', 1, 1, ?, ?, ?, ?, ?)`,
    [now, now, ids.length, randomUUID(), now]
  )) as any
  campaignId = campaign.insertId
  const params = JSON.stringify({ venue: 'Teatteri' })
  const rows = ids.flatMap((a: any) =>
    ['email', 'sms'].map((channel) => [
      `venue_news:${a.card_code}:campaign:${campaignId}:${MARK}:${channel}`,
      a.id,
      a.card_code,
      'venue_news',
      channel,
      campaignId,
      params,
      'queued',
      0,
      now,
      now,
      now,
    ])
  )
  await insertInChunks(
    `INSERT INTO outbox_messages (idempotency_key, account_id, card_code, kind, channel, campaign_id, params, status,
      attempts, next_attempt_at, created_at, updated_at) VALUES ?`,
    rows
  )
  return { messages: rows.length, seconds: (performance.now() - started) / 1000 }
}

const children: ReturnType<typeof spawn>[] = []

function worker(index: number) {
  return new Promise<number>((resolve, reject) => {
    const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []
    const child = spawn('node', [...profile, 'ace', 'outbox:work', '--until-empty'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        DB_ENGINE: 'mysql',
        LOG_LEVEL: 'warn',
        MAIL_TRANSPORT: 'smtp',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(SMTP_PORT),
        SMTP_SECURE: 'false',
        SMTP_POOL: 'true',
        SMTP_USERNAME,
        SMTP_PASSWORD,
        SMS_TRANSPORT: 'twilio',
        TWILIO_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN,
        TWILIO_FROM_NUMBER: '+358500000000',
        TWILIO_API_URL: `http://127.0.0.1:${TWILIO_PORT}`,
        MESSAGING_QUIET_HOURS: '00:00-00:00',
      },
    })
    children.push(child)
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(index) : reject(new Error(`worker ${index} exited ${code}`))
    )
  })
}

async function main() {
  const smtp = new FakeSmtp()
  const twilio = new FakeTwilio()
  const mailed = new Map<string, number>()
  const texted = new Map<string, number>()
  smtp.keep = false
  smtp.requireAuth = true
  smtp.expectCredentials(SMTP_USERNAME, SMTP_PASSWORD)
  smtp.onMail = (raw) => {
    const id = /^X-Kaikukanta-Message: (\d+)$/im.exec(raw)?.[1] ?? 'none'
    mailed.set(id, (mailed.get(id) ?? 0) + 1)
  }
  twilio.keep = false
  twilio.expectCredentials(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)
  twilio.onMessage = (sms) => texted.set(sms.to, (texted.get(sms.to) ?? 0) + 1)
  await smtp.start(SMTP_PORT)
  await twilio.start(TWILIO_PORT)
  try {
    const queued = await enqueue()
    console.log(`queued ${queued.messages} messages in ${queued.seconds.toFixed(1)} s`)
    const started = performance.now()
    await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(i)))
    const seconds = (performance.now() - started) / 1000
    const [[counts]] = (await pool.query(
      `SELECT SUM(o.status = 'sent') AS sent, COUNT(*) AS total FROM outbox_messages o
       JOIN accounts a ON a.id = o.account_id WHERE a.email LIKE ?`,
      [`${MARK}-%`]
    )) as any
    const twice = (received: Map<string, number>) =>
      [...received.values()].filter((n) => n > 1).length
    const total = [...mailed.values(), ...texted.values()].reduce((a, b) => a + b, 0)
    console.log(`workers: ${WORKERS}, drained in ${seconds.toFixed(1)} s`)
    console.log(`e-mails received: ${mailed.size} distinct, SMS received: ${texted.size} distinct`)
    console.log(`outbox rows sent: ${Number(counts.sent)} of ${Number(counts.total)}`)
    console.log(`messages per second: ${(total / seconds).toFixed(0)}`)
    console.log(`sent twice: ${twice(mailed) + twice(texted)}`)
  } finally {
    // A worker that failed must not leave the others sending to servers about to close.
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
    await pool.query(`DELETE FROM accounts WHERE email LIKE ?`, [`${MARK}-%`])
    if (campaignId) await pool.query(`DELETE FROM campaigns WHERE id = ?`, [campaignId])
    await smtp.stop()
    await twilio.stop()
    await pool.end()
  }
}

await main()
