import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import testUtils from '@adonisjs/core/services/test_utils'
import { Scheduler } from 'adonisjs-scheduler'
import JobRun from '#messaging/models/job_run'
import { runIfDue, runJob } from '#messaging/services/job_runner'
import { scheduleJobs } from '#messaging/services/job_scheduling'
import { jobsMarkdownTable } from '#core/services/job_table'
import type { JobDefinition } from '#core/services/job_schedule'
import RunJob from '#messaging/commands/run_job'
import ListJobs from '#messaging/commands/list_jobs'
import PrintJobsTable from '#messaging/commands/print_jobs_table'
import { JOBS } from '#start/jobs'
import i18nManager from '@adonisjs/i18n/services/main'
import { LOCALES } from '#config/i18n'
import { tableInDocs } from '#core/services/docs_tables'

/** The jobs README.md and docs/OPERATIONS.md promise (README: "bulletin digests … daily at 07.00"). */
const PROMISED = [
  'outbox',
  'campaigns',
  'ticket_reminders',
  'visit_thanks',
  'card_expiry',
  'cleanup',
  'partner_survey_reminders',
  'statistics',
  'bulletin_digests',
  'print_runs',
  'imports',
  'unconfirmed_releases',
  'waiting_lists',
]

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function slowJob(name: string, ms: number, lock = { milliseconds: 300 }): JobDefinition {
  return {
    name,
    schedule: { everyMinutes: 5 },
    lock,
    what: 'a test job',
    run: async () => {
      await sleep(ms)
      return '1 thing done'
    },
  }
}

test.group('Scheduled jobs', (group) => {
  group.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })
  group.each.setup(() => ace.ui.logger.flushLogs())
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('every job has a name on the admin’s deliveries page in each language', async ({
    assert,
  }) => {
    for (const locale of LOCALES) {
      const i18n = i18nManager.locale(locale)
      const missing = JOBS.filter((job) => !i18n.hasMessage(`messaging.job.${job.name}`))
      assert.deepEqual(
        missing.map((job) => job.name),
        [],
        `jobs without a ${locale} name`
      )
    }
  })

  test('every promised job is defined once, and the scheduler is given each of them', async ({
    assert,
  }) => {
    const names = JOBS.map((job) => job.name)
    assert.sameMembers(names, PROMISED)
    assert.lengthOf(new Set(names), names.length, 'one definition per job')
    assert.deepEqual(JOBS.find((job) => job.name === 'bulletin_digests')?.schedule, {
      dailyAt: '07:00',
    })
    const readme = await readFile(app.makePath('README.md'), 'utf8')
    assert.include(readme, 'daily at 07.00')

    const scheduler = new Scheduler(app)
    scheduleJobs(scheduler, JOBS)
    assert.lengthOf(scheduler.items, JOBS.length)
    for (const [index, item] of scheduler.items.entries()) {
      assert.equal(item.type, 'callback')
      assert.equal(
        item.getExpression(),
        '0 * * * * *',
        `${JOBS[index].name} is looked at every minute`
      )
      // `node ace scheduler:work` starts the entries tagged 'default' and no others.
      assert.equal(item.config.tag, 'default', `${JOBS[index].name} is run by scheduler:work`)
    }
  })

  test("the scheduler's entry for the bulletin digest runs it and records the run", async ({
    assert,
  }) => {
    const scheduler = new Scheduler(app)
    scheduleJobs(scheduler, JOBS)
    const digest = scheduler.items[JOBS.findIndex((job) => job.name === 'bulletin_digests')]
    assert.equal(digest.type, 'callback')
    await (digest as { callback: Function }).callback()
    const run = await JobRun.query().where('job', 'bulletin_digests').firstOrFail()
    assert.equal(run.outcome, 'ok')
    assert.match(run.detail!, /^\d+ digest\(s\) sent$/)
  })

  test('a tick runs a job only when it is due since its last recorded run', async ({ assert }) => {
    const job = slowJob('due_test', 0, { milliseconds: 60_000 })
    const ten = DateTime.now().startOf('hour').plus({ hours: 1 })
    await JobRun.create({ job: 'due_test', startedAt: ten, outcome: 'ok', durationMs: 1 })
    assert.isNull(await runIfDue(job, ten.plus({ minutes: 3 })), 'not due yet')
    // The run's own record starts now, so the next is due from here on the clock.
    const run = await runIfDue(job, DateTime.now().plus({ days: 1 }))
    assert.equal(run?.outcome, 'ok')
    assert.isNull(await runIfDue(job, DateTime.now()), 'once, not at every tick')
  })

  test('a job that runs past its lock time keeps its lock, so no second runner starts it', async ({
    assert,
  }) => {
    const job = slowJob('long_test', 1200)
    const first = runJob(job)
    await sleep(700)
    assert.isNull(await runJob(job), 'the lock was extended while the job ran')
    assert.isNull(await runIfDue(job), 'nor does a scheduler tick start it')
    assert.equal((await first)?.outcome, 'ok')
    const again = await runJob(job)
    assert.equal(again?.outcome, 'ok', 'free once the run is over')
    assert.lengthOf(await JobRun.query().where('job', 'long_test'), 2)
  })

  test('jobs:run runs one job now, with its lock, recorded in job_runs', async ({ assert }) => {
    const command = await ace.create(RunJob, ['bulletin_digests'])
    await command.exec()
    command.assertSucceeded()
    command.assertLogMatches(/bulletin_digests: \d+ digest\(s\) sent/)
    const run = await JobRun.query().where('job', 'bulletin_digests').firstOrFail()
    assert.equal(run.outcome, 'ok')

    const unknown = await ace.create(RunJob, ['no_such_job'])
    await unknown.exec()
    unknown.assertFailed()
  })

  test('jobs:list shows every job, its schedule, last and next run', async ({ assert }) => {
    await JobRun.create({
      job: 'bulletin_digests',
      startedAt: DateTime.fromISO('2026-03-02T07:00:05', { zone: 'Europe/Helsinki' }).toLocal(),
      outcome: 'ok',
      durationMs: 10,
      detail: '2 digest(s) sent',
    })
    const command = await ace.create(ListJobs, [])
    await command.exec()
    command.assertSucceeded()
    const output = command.logger
      .getLogs()
      .map((log) => log.message)
      .join('\n')
    for (const name of PROMISED) assert.include(output, name)
    assert.include(output, 'daily at 07.00')
    assert.include(output, '2026-03-02 07:00:05')
    assert.include(output, '2 digest(s) sent')
    assert.include(output, '2026-03-03 07:00', 'next run')
  })

  test('the jobs table in docs/OPERATIONS.md is the one printed from the definitions', async ({
    assert,
  }) => {
    const command = await ace.create(PrintJobsTable, [])
    await command.exec()
    command.assertSucceeded()
    const printed = command.logger
      .getLogs()
      .map((log) => log.message)
      .join('\n')
    assert.equal(printed, jobsMarkdownTable(JOBS))
    const inDocs = await tableInDocs(app.makePath('docs/OPERATIONS.md'), 'jobs:table')
    assert.isNotNull(inDocs, 'the table is marked in the docs')
    assert.equal(inDocs, printed, 'run `node ace jobs:table --write`')
  })
})
