import { DateTime, Duration, type DurationLike } from 'luxon'
import { ZONE } from '#core/services/time'

/** Every n minutes on the clock (n divides 60 or is 60), or once a day at "HH:MM" Finnish time. */
export type JobSchedule = { everyMinutes: number } | { dailyAt: string }

/**
 * One scheduled job, defined by the module that owns it (its `jobs.ts`);
 * `start/jobs.ts` lists them all, and the scheduler, `node ace jobs:*` and
 * the jobs table of docs/OPERATIONS.md are built from that list.
 */
export interface JobDefinition {
  name: string
  schedule: JobSchedule
  /**
   * Held across instances while the job runs, and extended while it is
   * still running: longer than a run normally takes, so that a stalled
   * instance frees the job soon enough. Null: no lock, the job runs on
   * every instance at every tick (the outbox worker).
   */
  lock: DurationLike | null
  /** One line for the operators: what a run does. */
  what: string
  /** Does the work and says what it did ("3 message(s) queued"). */
  run: (now: DateTime) => Promise<string>
}

export function lockMillis(definition: JobDefinition) {
  return definition.lock === null ? 0 : Duration.fromDurationLike(definition.lock).toMillis()
}

/** The first time the job is due after a run that started at `lastRunAt`. */
export function nextDueAfter(schedule: JobSchedule, lastRunAt: DateTime): DateTime {
  if ('everyMinutes' in schedule) {
    const step = schedule.everyMinutes * 60_000
    return DateTime.fromMillis((Math.floor(lastRunAt.toMillis() / step) + 1) * step, { zone: ZONE })
  }
  const [hour, minute] = schedule.dailyAt.split(':').map(Number)
  const sameDay = lastRunAt.setZone(ZONE).set({ hour, minute, second: 0, millisecond: 0 })
  return sameDay > lastRunAt ? sameDay : sameDay.plus({ days: 1 })
}

/**
 * Whether the job should run now, from when it last ran (not from the
 * tick that calls it): a late or missed tick runs the job once at the next
 * look, and a daily job missed at its hour runs when the scheduler next
 * looks, once that day. Never run before: due.
 */
export function isDue(definition: JobDefinition, lastRunAt: DateTime | null, now: DateTime) {
  if (definition.lock === null || !lastRunAt) return true
  return now >= nextDueAfter(definition.schedule, lastRunAt)
}

/** "every 5 minutes", "hourly", "daily at 07.00". */
export function describeSchedule(schedule: JobSchedule) {
  if ('dailyAt' in schedule) return `daily at ${schedule.dailyAt.replace(':', '.')}`
  if (schedule.everyMinutes === 1) return 'every minute'
  if (schedule.everyMinutes === 60) return 'hourly'
  return `every ${schedule.everyMinutes} minutes`
}
