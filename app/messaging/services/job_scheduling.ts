import type { Scheduler } from 'adonisjs-scheduler'
import type { JobDefinition } from '#core/services/job_schedule'
import { runIfDue } from '#messaging/services/job_runner'

/**
 * Gives the scheduler one entry per job, in the order of the definitions:
 * each looks every minute and runs the job when it is due since its last
 * recorded run (a late or missed tick is made up once at the next one).
 * No tag of their own: `scheduler:work` runs only the entries tagged as it
 * is started (`default`).
 */
export function scheduleJobs(scheduler: Scheduler, definitions: JobDefinition[]) {
  for (const definition of definitions) {
    scheduler
      .call(() => runIfDue(definition))
      .everyMinute()
      .withoutOverlapping()
  }
}
