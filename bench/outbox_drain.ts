/*
| bench/outbox: queues venue news messages of one campaign (BENCH_HOLDERS
| holders who chose venue news by e-mail and SMS, two messages each) in the
| outbox on MariaDB/MySQL and drains them with 1, 2 and 4 worker processes
| (`node ace outbox:work --until-empty`) through the real clients (SMTP with
| @adonisjs/mail, the twilio library) to loopback fakes started here. Beside
| each run, its floor: the same messages sent by a bare loop through the same
| clients to the same fakes (outbox_floor.ts) in as many processes. Then one
| long-running worker sends the same number twice in a row, for its
| resident memory after each.
|
|   bash scripts/mariadb-setup.sh kaikukanta omakaiku
|   DB_ENGINE=mysql node ace migration:run --connection=omakaiku --force
|   bench/outbox                      (or: npm run bench:outbox)
|
| Prints messages per second, the CPU each message took in the workers, in
| the floor's clients and in the fakes (this process), the workers' resident
| memory (VmRSS as the run ends) and how many messages were sent twice
| (counted by the outbox id in each e-mail's header and by each SMS's
| recipient; must be 0).
|
| Options (environment): BENCH_HOLDERS (50000), BENCH_WORKERS (1,2,4),
| BENCH_MEMORY (1; 0 skips the memory runs), BENCH_PROFILE (set: each
| worker writes a CPU profile to tmp/prof), BENCH_SMTP_PORT (2626),
| BENCH_TWILIO_PORT (2627), and the DB_* settings of .env. Quiet hours are
| switched off for the workers (the bench measures throughput at any hour).
| Everything it adds is removed.
*/
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { benchPool } from './mysql_pool.js'
import { FakeSmtp } from '#tests/helpers/fake_smtp'
import { FakeTwilio } from '#tests/helpers/fake_twilio'

if (existsSync('.env')) process.loadEnvFile('.env')

const HOLDERS = Number(process.env.BENCH_HOLDERS ?? 50_000)
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? '1,2,4').split(',').filter(Boolean).map(Number)
const MEMORY = process.env.BENCH_MEMORY !== '0'
const SMTP_PORT = Number(process.env.BENCH_SMTP_PORT ?? 2626)
const TWILIO_PORT = Number(process.env.BENCH_TWILIO_PORT ?? 2627)
const MARK = `bench-${randomUUID().slice(0, 8)}`
// The loopback fakes check that the workers sign in with these.
const SMTP_USERNAME = 'bench'
const SMTP_PASSWORD = 'bench-password'
const TWILIO_ACCOUNT_SID = 'AC' + '0'.repeat(32)
const TWILIO_AUTH_TOKEN = 'bench'
const TICK_MS = 1000 / 100 // /proc times are in clock ticks of 1/100 s (CLK_TCK)

const pool = benchPool('omakaiku', { connectionLimit: 4 })

const sqlTime = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ')

async function insertInChunks(sql: string, rows: unknown[][], size = 1000) {
  for (let index = 0; index < rows.length; index += size) {
    await pool.query(sql, [rows.slice(index, index + size)])
  }
}

/*
| CPU time, from /proc: of the children this process has waited for (the
| workers and floors, once they have exited), of this process (the fakes),
| and of the database server when it runs here (all its clients, others' too).
*/
function procTimes(pid: number | 'self') {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number)
  return { own: (fields[11] + fields[12]) * TICK_MS, children: (fields[13] + fields[14]) * TICK_MS }
}

const databasePid = (() => {
  if (!['127.0.0.1', 'localhost', undefined].includes(process.env.DB_HOST)) return null
  try {
    return Number(execFileSync('pidof', ['mariadbd', 'mysqld'], { encoding: 'utf8' }).split(' ')[0])
  } catch {
    return null
  }
})()

function cpuNow() {
  const self = process.cpuUsage()
  return {
    children: procTimes('self').children,
    fakes: (self.user + self.system) / 1000,
    database: databasePid ? procTimes(databasePid).own : Number.NaN,
  }
}

/** A child's resident memory, read every 200 ms until it exits: the last reading is its size as it ends. */
function watchMemory(child: ChildProcess) {
  const memory = { rssMb: 0, peakMb: 0 }
  const read = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1])
      // A process that has exited but not yet been waited for has no VmRSS left.
      if (!Number.isFinite(kb('VmRSS'))) return
      memory.rssMb = kb('VmRSS') / 1024
      memory.peakMb = kb('VmHWM') / 1024
    } catch {}
  }
  read()
  const timer = setInterval(read, 200)
  child.on('exit', () => clearInterval(timer))
  return memory
}

const children: ChildProcess[] = []

const workerEnv = () => ({
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
})

function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=tmp/prof'] : []
  const child = spawn('node', [...profile, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...workerEnv(), ...env },
  })
  children.push(child)
  const memory = watchMemory(child)
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code ?? signal}`))
    )
  })
  return { child, memory, exited }
}

const worker = (untilEmpty = true) =>
  start(['ace', 'outbox:work', ...(untilEmpty ? ['--until-empty'] : [])])

/** What arrived at the fakes in one run, by outbox id (e-mail) and by recipient (SMS). */
class Received {
  mailed = new Map<string, number>()
  texted = new Map<string, number>()
  get total() {
    return [...this.mailed.values(), ...this.texted.values()].reduce((a, b) => a + b, 0)
  }
  get twice() {
    const twice = (received: Map<string, number>) =>
      [...received.values()].filter((n) => n > 1).length
    return twice(this.mailed) + twice(this.texted)
  }
}

let received = new Received()

/**
 * Holders who chose venue news by e-mail and SMS, one campaign, and one of its
 * messages per holder and channel. The worker sends a message only while its
 * reason holds: a staff message while its campaign exists (a ticket reminder
 * would need a real ticket in the registry).
 */
async function enqueue(tag: string) {
  const now = sqlTime(new Date())
  const accounts = Array.from({ length: HOLDERS }, (_, i) => [
    `B${String(i).padStart(8, '0')}`,
    'Bench',
    'Holder',
    `${tag}-${i}@bench.invalid`,
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
    `${tag}-%`,
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
  const campaignId = campaign.insertId
  const params = JSON.stringify({ venue: 'Teatteri' })
  const rows = ids.flatMap((a: any) =>
    ['email', 'sms'].map((channel) => [
      `venue_news:${a.card_code}:campaign:${campaignId}:${tag}:${channel}`,
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
  return { messages: rows.length, campaignId }
}

async function sentRows(tag: string) {
  const [[counts]] = (await pool.query(
    `SELECT SUM(o.status = 'sent') AS sent, COUNT(*) AS total FROM outbox_messages o
     JOIN accounts a ON a.id = o.account_id WHERE a.email LIKE ?`,
    [`${tag}-%`]
  )) as any
  return { sent: Number(counts.sent), total: Number(counts.total) }
}

/** Removes a run's holders (and with them their messages) and its campaign. */
async function clean(tag: string, campaignId: number) {
  await pool.query(`DELETE FROM accounts WHERE email LIKE ?`, [`${tag}-%`])
  await pool.query(`DELETE FROM campaigns WHERE id = ?`, [campaignId])
}

type Run = {
  workers: number
  messages: number
  seconds: number
  workerCpuMs: number
  fakesCpuMs: number
  databaseCpuMs: number
  rssMb: number[]
  twice: number
  sent: number
}

const perMessage = (ms: number, messages: number) => (ms / messages).toFixed(2)
const rate = (run: Pick<Run, 'messages' | 'seconds'>) => run.messages / run.seconds

/** CPU and memory of a process that starts and stops with nothing to send: its CPU is taken off each run's. */
async function startup(process: ReturnType<typeof start>) {
  const before = cpuNow()
  await process.exited
  return { cpuMs: cpuNow().children - before.children, peakMb: process.memory.peakMb }
}

const floorProcess = (messages: number) =>
  start(['--import=@poppinss/ts-exec', 'bench/outbox_floor.ts'], {
    FLOOR_MESSAGES: String(messages),
  })

/** Runs the processes to their end and measures them: time, CPU (less their start-ups), memory. */
async function measured(processes: ReturnType<typeof start>[], startupMs: number) {
  const before = cpuNow()
  const started = performance.now()
  await Promise.all(processes.map((run) => run.exited))
  const seconds = (performance.now() - started) / 1000
  const after = cpuNow()
  return {
    workers: processes.length,
    messages: received.total,
    seconds,
    workerCpuMs: after.children - before.children - processes.length * startupMs,
    fakesCpuMs: after.fakes - before.fakes,
    databaseCpuMs: after.database - before.database,
    rssMb: processes.map((run) => run.memory.rssMb),
  }
}

async function drainRun(workers: number, tag: string, startupMs: number): Promise<Run> {
  const { campaignId } = await enqueue(tag)
  received = new Received()
  try {
    const run = await measured(
      Array.from({ length: workers }, () => worker()),
      startupMs
    )
    const rows = await sentRows(tag)
    return {
      ...run,
      twice: received.twice,
      sent: rows.sent === rows.total ? rows.sent : Number.NaN,
    }
  } finally {
    await clean(tag, campaignId)
  }
}

/** The same number of messages through the bare clients, in as many processes. */
async function floorRun(workers: number, messages: number, startupMs: number): Promise<Run> {
  received = new Received()
  const run = await measured(
    Array.from({ length: workers }, () => floorProcess(Math.round(messages / workers))),
    startupMs
  )
  return { ...run, twice: 0, sent: received.total }
}

/** One long-running worker (no --until-empty) sends `rounds` runs in turn; its memory after each. */
async function memoryRuns(rounds: number) {
  const running = worker(false)
  const sizes: number[] = []
  try {
    for (let round = 1; round <= rounds; round++) {
      const tag = `${MARK}-m${round}`
      const { messages, campaignId } = await enqueue(tag)
      received = new Received()
      try {
        const drained = async () => {
          const rows = await sentRows(tag)
          return rows.sent === messages
        }
        while (!(await drained())) await new Promise((resolve) => setTimeout(resolve, 500))
        // A moment for the last batch's buffers to be let go.
        await new Promise((resolve) => setTimeout(resolve, 2000))
        sizes.push(running.memory.rssMb)
        console.log(
          `memory: round ${round}, ${messages} messages, worker VmRSS ${running.memory.rssMb.toFixed(0)} MB (peak ${running.memory.peakMb.toFixed(0)} MB), sent twice: ${received.twice}`
        )
      } finally {
        await clean(tag, campaignId)
      }
    }
  } finally {
    running.child.kill('SIGTERM')
    await running.exited
  }
  return sizes
}

async function main() {
  const smtp = new FakeSmtp()
  const twilio = new FakeTwilio()
  smtp.keep = false
  smtp.requireAuth = true
  smtp.expectCredentials(SMTP_USERNAME, SMTP_PASSWORD)
  smtp.onMail = (raw) => {
    const id = /^X-Kaikukanta-Message: (\S+)$/im.exec(raw)?.[1] ?? 'none'
    received.mailed.set(id, (received.mailed.get(id) ?? 0) + 1)
  }
  twilio.keep = false
  twilio.expectCredentials(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)
  twilio.onMessage = (sms) => received.texted.set(sms.to, (received.texted.get(sms.to) ?? 0) + 1)
  await smtp.start(SMTP_PORT)
  await twilio.start(TWILIO_PORT)
  const rows: string[][] = []
  try {
    const idleWorker = await startup(worker())
    const idleFloor = await startup(floorProcess(0))
    console.log(
      `with nothing to send, a worker takes ${idleWorker.cpuMs.toFixed(0)} ms CPU to start and stop ` +
        `(VmRSS at its peak ${idleWorker.peakMb.toFixed(0)} MB), the floor ${idleFloor.cpuMs.toFixed(0)} ms: taken off below`
    )
    for (const workers of WORKER_COUNTS) {
      const run = await drainRun(workers, `${MARK}-w${workers}`, idleWorker.cpuMs)
      const floor = await floorRun(workers, run.messages, idleFloor.cpuMs)
      for (const [label, r] of [
        ['outbox', run],
        ['floor', floor],
      ] as const) {
        console.log(
          `${label}: ${workers} process(es), ${r.messages} messages in ${r.seconds.toFixed(1)} s = ${rate(r).toFixed(0)}/s; ` +
            `CPU ms/message: process ${perMessage(r.workerCpuMs, r.messages)}, fakes ${perMessage(r.fakesCpuMs, r.messages)}, ` +
            `database ${perMessage(r.databaseCpuMs, r.messages)}; VmRSS ${r.rssMb.map((mb) => mb.toFixed(0)).join(', ')} MB` +
            (label === 'outbox' ? `; rows sent ${r.sent}; sent twice: ${r.twice}` : '')
        )
      }
      rows.push([
        String(workers),
        rate(run).toFixed(0),
        rate(floor).toFixed(0),
        (rate(run) / rate(floor)).toFixed(2),
        perMessage(run.workerCpuMs, run.messages),
        perMessage(floor.workerCpuMs, floor.messages),
        perMessage(run.fakesCpuMs, run.messages),
        perMessage(run.databaseCpuMs, run.messages),
        run.rssMb.map((mb) => mb.toFixed(0)).join(', '),
        String(run.twice),
      ])
    }
    console.log(`\n${HOLDERS * 2} messages a run (half e-mail, half SMS):\n`)
    const header = [
      'workers',
      'messages/s',
      'floor/s',
      'ratio',
      'worker CPU ms/msg',
      'floor CPU ms/msg',
      'fakes CPU ms/msg',
      'database CPU ms/msg',
      'worker VmRSS MB',
      'sent twice',
    ]
    for (const line of [header, header.map(() => '---'), ...rows]) {
      console.log(`| ${line.join(' | ')} |`)
    }
    if (MEMORY) {
      console.log('')
      const sizes = await memoryRuns(2)
      console.log(
        `memory: growth from the first run to the second ${(sizes[1] - sizes[0]).toFixed(0)} MB`
      )
    }
  } finally {
    // A worker that failed must not leave the others sending to servers about to close.
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
    await pool.query(`DELETE FROM accounts WHERE email LIKE ?`, [`${MARK}-%`])
    await smtp.stop()
    await twilio.stop()
    await pool.end()
  }
}

await main()
