import { DateTime } from 'luxon'
import lock from '@adonisjs/lock/services/main'
import logger from '@adonisjs/core/services/logger'
import JobRun from '#messaging/models/job_run'
import { withoutContactDetails } from '#core/services/contact_masking'
import { isDue, lockMillis, type JobDefinition } from '#core/services/job_schedule'
import { JOBS } from '#start/jobs'

/*
| Runs the scheduled jobs (start/jobs.ts lists them). Each run is recorded
| for the admin. A job holds a lock across instances while it runs,
| extended as long as it runs, so it runs once however many instances there
| are; a job without a lock (the outbox worker) runs on every instance.
*/

/** Renew the lock this often, as a share of its time: two missed renewals still leave it held. */
const EXTEND_EVERY = 1 / 3

export function jobNamed(name: string) {
  const definition = JOBS.find((job) => job.name === name)
  if (!definition) throw new Error(`No job named "${name}"`)
  return definition
}

async function recorded(definition: JobDefinition, now: DateTime) {
  const run = await JobRun.create({
    job: definition.name,
    startedAt: DateTime.now(),
    outcome: 'running',
  })
  const started = performance.now()
  try {
    run.detail = await definition.run(now)
    run.outcome = 'ok'
  } catch (error) {
    run.outcome = 'failed'
    run.detail = withoutContactDetails((error as Error).message).slice(0, 500)
    logger.error({ err: error, job: definition.name }, 'scheduled job failed')
  }
  run.durationMs = Math.round(performance.now() - started)
  await run.save()
  return run
}

/**
 * Runs `work` holding the job's lock, extended while it runs; null when
 * another instance holds it.
 */
async function underLock<T>(definition: JobDefinition, work: () => Promise<T | null>) {
  const ttl = lockMillis(definition)
  const held = lock.createLock(`job:${definition.name}`, ttl)
  if (!(await held.acquireImmediately())) return null
  const keeper = setInterval(() => {
    held.extend(ttl).catch((error) => {
      logger.warn({ err: error, job: definition.name }, 'scheduled job lock not extended')
    })
  }, ttl * EXTEND_EVERY)
  try {
    return await work()
  } finally {
    clearInterval(keeper)
    await held.release().catch((error) => {
      logger.warn({ err: error, job: definition.name }, 'scheduled job lock lost before release')
    })
  }
}

export async function lastRunOf(name: string) {
  return JobRun.query()
    .where('job', name)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .first()
}

/** Runs a job now, due or not (`node ace jobs:run`); null when another instance is running it. */
export async function runJob(name: string | JobDefinition, now: DateTime = DateTime.now()) {
  const definition = typeof name === 'string' ? jobNamed(name) : name
  if (definition.lock === null) return recorded(definition, now)
  return underLock(definition, () => recorded(definition, now))
}

/**
 * The scheduler's tick: runs the job if it is due since its last recorded
 * run. The last run is read under the lock, so an instance that looks just
 * after another finished does not run it again.
 */
export async function runIfDue(definition: JobDefinition, now: DateTime = DateTime.now()) {
  if (definition.lock === null) return recorded(definition, now)
  return underLock(definition, async () => {
    const last = await lastRunOf(definition.name)
    if (!isDue(definition, last?.startedAt ?? null, now)) return null
    return recorded(definition, now)
  })
}

export type JobStatus = { job: string; definition: JobDefinition; last: JobRun | null }

/** Each job's last run, for the admin's page and `node ace jobs:list`. */
export async function jobStatuses(): Promise<JobStatus[]> {
  return Promise.all(
    JOBS.map(async (definition) => ({
      job: definition.name,
      definition,
      last: await lastRunOf(definition.name),
    }))
  )
}
