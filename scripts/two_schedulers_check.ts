/*
| scripts/two-schedulers-check.sh: two schedulers on one database pair.
| Queues staff messages of one campaign (their reason holds while it
| exists) for holders who chose e-mail and SMS, starts a loopback SMTP
| server and Twilio API that check the credentials and count what arrives,
| starts two `node ace scheduler:work` at second 45 of a minute, so that
| both see the ticks at the next two minutes, and stops them with SIGTERM 12
| seconds after the second tick. Then: every job ran as often as its
| schedule makes it due at those two ticks (from never run: at the first),
| the outbox worker once per instance and tick; each message was received
| exactly once; no row is left 'sending'.
*/
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { benchPool } from '../bench/mysql_pool.js'
import { isDue, type JobSchedule } from '#core/services/job_schedule'
import { ZONE } from '#core/services/time'
import { FakeSmtp } from '#tests/helpers/fake_smtp'
import { FakeTwilio } from '#tests/helpers/fake_twilio'

const HOLDERS = 5
const SMTP_PORT = 2631
const TWILIO_PORT = 2632
const credentials = {
  SMTP_USERNAME: 'two-schedulers',
  SMTP_PASSWORD: 'smtp-secret',
  TWILIO_ACCOUNT_SID: 'AC' + '1'.repeat(32),
  TWILIO_AUTH_TOKEN: 'twilio-secret',
}
const pool = benchPool('omakaiku', { connectionLimit: 2 })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const sqlTime = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ')
let failures = 0
function check(ok: boolean, what: string) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`)
  if (!ok) failures++
}

/** The jobs and their schedules, from `node ace jobs:table` (start/jobs.ts needs the booted app). */
function jobs() {
  const table = execFileSync('node', ['ace', 'jobs:table'], { encoding: 'utf8' })
  return table
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| job '))
    .map((line) => {
      const [name, when, lock] = line
        .split('|')
        .slice(1, 4)
        .map((cell) => cell.trim())
      const daily = /^daily at (\d\d)\.(\d\d)$/.exec(when)
      const every = /^every (\d+) minutes$/.exec(when)
      const schedule: JobSchedule = daily
        ? { dailyAt: `${daily[1]}:${daily[2]}` }
        : when === 'every minute'
          ? { everyMinutes: 1 }
          : when === 'hourly'
            ? { everyMinutes: 60 }
            : { everyMinutes: Number(every![1]) }
      return { name, schedule, locked: !lock.startsWith('none') }
    })
}

async function enqueue() {
  const now = sqlTime(new Date())
  const accounts = Array.from({ length: HOLDERS }, (_, i) => [
    `S${String(i).padStart(8, '0')}`,
    'Two',
    'Schedulers',
    `two-schedulers-${i}@example.fi`,
    `+35840${String(i).padStart(7, '0')}`,
    1,
    'fi',
    now,
    now,
    now,
  ])
  await pool.query(
    `INSERT INTO accounts (card_code, first_name, last_name, email, phone, municipality_id, locale,
      activated_at, created_at, updated_at) VALUES ?`,
    [accounts]
  )
  const [ids] = (await pool.query(`SELECT id, card_code FROM accounts ORDER BY id`)) as any
  await pool.query(
    `INSERT INTO notification_settings (account_id, enabled, venue_news, by_email, by_sms, updated_at) VALUES ?`,
    [ids.map((a: any) => [a.id, 1, 1, 1, 1, now])]
  )
  const [campaign] = (await pool.query(
    `INSERT INTO campaigns (organisation_id, kind, audience, body_fi, by_email, by_sms, send_at,
      dispatched_at, recipients, submission_key, created_at)
     VALUES (1, 'venue_news', 'visitors_of_venue', 'Uusi näytös on ohjelmistossa.', 1, 1, ?, ?, ?, ?, ?)`,
    [now, now, ids.length, randomUUID(), now]
  )) as any
  const rows = ids.flatMap((a: any) =>
    ['email', 'sms'].map((channel) => [
      `venue_news:${a.card_code}:campaign:${campaign.insertId}:${channel}`,
      a.id,
      a.card_code,
      'venue_news',
      channel,
      campaign.insertId,
      JSON.stringify({ venue: 'Teatteri' }),
      'queued',
      0,
      now,
      now,
      now,
    ])
  )
  await pool.query(
    `INSERT INTO outbox_messages (idempotency_key, account_id, card_code, kind, channel, campaign_id,
      params, status, attempts, next_attempt_at, created_at, updated_at) VALUES ?`,
    [rows]
  )
  return rows.length
}

function scheduler(index: number) {
  const child = spawn('node', ['ace', 'scheduler:work'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...credentials,
      MAIL_TRANSPORT: 'smtp',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(SMTP_PORT),
      SMTP_SECURE: 'false',
      SMTP_POOL: 'true',
      SMS_TRANSPORT: 'twilio',
      TWILIO_FROM_NUMBER: '+358500000000',
      TWILIO_API_URL: `http://127.0.0.1:${TWILIO_PORT}`,
      MESSAGING_QUIET_HOURS: '00:00-00:00',
    },
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { index, child, exited, output: () => output }
}

/** SIGTERM, then SIGKILL after a grace period; whether it exited by itself. */
async function stop(run: { child: ChildProcess; exited: Promise<number | null>; index: number }) {
  run.child.kill('SIGTERM')
  const code = await Promise.race([run.exited, sleep(30_000).then(() => 'timeout' as const)])
  if (code === 'timeout') {
    run.child.kill('SIGKILL')
    await run.exited
  }
  return code
}

async function main() {
  const smtp = new FakeSmtp()
  const twilio = new FakeTwilio()
  const mailed = new Map<string, number>()
  const texted = new Map<string, number>()
  smtp.keep = false
  smtp.requireAuth = true
  smtp.expectCredentials(credentials.SMTP_USERNAME, credentials.SMTP_PASSWORD)
  smtp.onMail = (raw) => {
    const id = /^X-Kaikukanta-Message: (\d+)$/im.exec(raw)?.[1] ?? 'none'
    mailed.set(id, (mailed.get(id) ?? 0) + 1)
  }
  twilio.keep = false
  twilio.expectCredentials(credentials.TWILIO_ACCOUNT_SID, credentials.TWILIO_AUTH_TOKEN)
  twilio.onMessage = (sms) => texted.set(sms.to, (texted.get(sms.to) ?? 0) + 1)
  await smtp.start(SMTP_PORT)
  await twilio.start(TWILIO_PORT)
  try {
    const definitions = jobs()
    const queued = await enqueue()
    console.log(`${definitions.length} jobs, ${queued} messages queued`)

    // Start at second 45, so both processes are up well before the next minute's tick.
    const now = DateTime.now()
    let start = now.set({ second: 45, millisecond: 0 })
    if (now.second > 48) start = start.plus({ minutes: 1 })
    if (start > now) {
      console.log(`waiting ${Math.round(start.diff(now).as('seconds'))} s for second 45`)
      await sleep(start.diff(now).toMillis())
    }
    const ticks = [1, 2].map((n) => start.startOf('minute').plus({ minutes: n }).setZone(ZONE))
    const stopAt = ticks[1].plus({ seconds: 12 })
    console.log(
      `two schedulers from ${start.toFormat('HH:mm:ss')} to ${stopAt.toFormat('HH:mm:ss')}`
    )
    const runs = [scheduler(1), scheduler(2)]
    await sleep(stopAt.diff(DateTime.now()).toMillis())
    for (const run of runs) {
      check(
        run.child.exitCode === null && run.child.signalCode === null,
        `scheduler ${run.index} still running at the stop (exit code ${run.child.exitCode})`
      )
    }
    const codes = await Promise.all(runs.map(stop))
    for (const [i, code] of codes.entries()) {
      if (code === 'timeout') {
        console.log(`note scheduler ${i + 1} did not exit within 30 s of SIGTERM: killed`)
      } else {
        check(code === 0, `scheduler ${i + 1} exited after SIGTERM (code ${code})`)
      }
    }

    const [runRows] = (await pool.query(
      `SELECT job, outcome, COUNT(*) AS n FROM job_runs GROUP BY job, outcome`
    )) as any
    for (const definition of definitions) {
      let expected = 0
      let last: DateTime | null = null
      for (const tick of ticks) {
        const lockDefinition = { ...definition, lock: definition.locked ? { minutes: 1 } : null }
        if (isDue(lockDefinition as any, last, tick)) {
          expected += definition.locked ? 1 : runs.length
          last = tick
        }
      }
      const rows = runRows.filter((r: any) => r.job === definition.name)
      const total = rows.reduce((sum: number, r: any) => sum + Number(r.n), 0)
      const outcomes = rows.map((r: any) => `${r.outcome} ${r.n}`).join(', ') || 'none'
      check(
        total === expected,
        `${definition.name}: ${total} run(s), due ${expected} (${outcomes})`
      )
      check(!rows.some((r: any) => r.outcome === 'failed'), `${definition.name}: no failed run`)
    }

    const [[counts]] = (await pool.query(
      `SELECT SUM(status = 'sent') AS sent, SUM(status = 'sending') AS sending, COUNT(*) AS total
       FROM outbox_messages`
    )) as any
    const received = [...mailed.values(), ...texted.values()]
    check(
      mailed.size + texted.size === queued && received.every((n) => n === 1),
      `each of the ${queued} messages received exactly once (${mailed.size} e-mails, ${texted.size} SMS, ${received.reduce((a, b) => a + b, 0)} in all)`
    )
    check(
      Number(counts.sent) === queued,
      `outbox rows sent: ${Number(counts.sent)} of ${counts.total}`
    )
    check(Number(counts.sending) === 0, `rows left 'sending': ${Number(counts.sending)}`)
    if (failures) {
      for (const run of runs) console.log(`scheduler ${run.index} output:\n${run.output()}`)
    }
  } finally {
    await smtp.stop()
    await twilio.stop()
    await pool.end()
  }
  process.exitCode = failures ? 1 : 0
}

await main()
