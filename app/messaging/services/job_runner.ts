import { DateTime } from 'luxon'
import lock from '@adonisjs/lock/services/main'
import logger from '@adonisjs/core/services/logger'
import JobRun from '#messaging/models/job_run'
import { queueTicketReminders } from '#messaging/jobs/ticket_reminders'
import { queueVisitThanks } from '#messaging/jobs/visit_thanks'
import { queueCardExpiryNotices } from '#messaging/jobs/card_expiry_notices'
import { cleanUpOutbox } from '#messaging/jobs/outbox_cleanup'
import { dispatchDueCampaigns } from '#messaging/services/campaigns'
import { drainOutbox } from '#messaging/services/outbox_worker'
import { withoutContactDetails } from '#core/services/contact_masking'
import BulletinMailer from '#bulletin/services/bulletin_mailer'
import { remindNearDeadlines } from '#surveys/services/partner_reminders'
import { refreshSummaries } from '#stats/services/summary_refresh'

/** The outbox worker stops taking new batches after this long, before the next minute's run. */
const OUTBOX_RUN_SECONDS = 50

/*
| The scheduled jobs (start/scheduler.ts runs them). Each run is recorded
| for the admin. A job holds a lock across instances while it runs, so it
| runs once however many instances there are; the outbox worker is the
| exception: every instance drains the outbox, and SKIP LOCKED keeps them
| apart.
*/
export const JOBS = {
  ticket_reminders: { run: queueTicketReminders, everywhere: false },
  visit_thanks: { run: queueVisitThanks, everywhere: false },
  card_expiry: { run: queueCardExpiryNotices, everywhere: false },
  campaigns: { run: dispatchDueCampaigns, everywhere: false },
  outbox: {
    run: async (now: DateTime) =>
      `${await drainOutbox({ deadline: now.plus({ seconds: OUTBOX_RUN_SECONDS }) })} message(s) handled`,
    everywhere: true,
  },
  cleanup: { run: cleanUpOutbox, everywhere: false },
  // Staff e-mail, but a daily job like the others: it gets the same lock and record.
  bulletin_digests: {
    run: async (now: DateTime) => `${await new BulletinMailer().sendDigests(now)} digest(s) sent`,
    everywhere: false,
  },
  partner_survey_reminders: { run: remindNearDeadlines, everywhere: false },
  // The statistics' summary tables: the years that changed (the first run of a day: all).
  statistics: {
    run: async () => {
      const { durationMs } = await refreshSummaries({ full: false })
      return `refreshed in ${durationMs} ms`
    },
    everywhere: false,
  },
} satisfies Record<string, { run: (now: DateTime) => Promise<string>; everywhere: boolean }>

export type JobName = keyof typeof JOBS

async function recorded(name: JobName, now: DateTime) {
  const run = await JobRun.create({ job: name, startedAt: DateTime.now(), outcome: 'running' })
  const started = performance.now()
  try {
    run.detail = await JOBS[name].run(now)
    run.outcome = 'ok'
  } catch (error) {
    run.outcome = 'failed'
    run.detail = withoutContactDetails((error as Error).message).slice(0, 500)
    logger.error({ err: error, job: name }, 'scheduled job failed')
  }
  run.durationMs = Math.round(performance.now() - started)
  await run.save()
  return run
}

/** Runs a job now; null when another instance is running it already. */
export async function runJob(name: JobName, now: DateTime = DateTime.now()) {
  if (JOBS[name].everywhere) return recorded(name, now)
  const [ran, run] = await lock
    .createLock(`job:${name}`, '15m')
    .runImmediately(() => recorded(name, now))
  return ran ? run : null
}

export type JobStatus = { job: JobName; last: JobRun | null }

/** Each job's last run, for the admin's page. */
export async function jobStatuses(): Promise<JobStatus[]> {
  return Promise.all(
    (Object.keys(JOBS) as JobName[]).map(async (job) => ({
      job,
      last: await JobRun.query()
        .where('job', job)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .first(),
    }))
  )
}
