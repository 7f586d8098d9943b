import type { JobDefinition } from '#core/services/job_schedule'
import { generateWaitingPrintRuns } from '#registry/services/print_run_generation'

/** The registry's scheduled job: print runs that no web process is finishing. */
export const registryJobs: JobDefinition[] = [
  {
    name: 'print_runs',
    schedule: { everyMinutes: 1 },
    lock: { minutes: 5 },
    what: 'reserves the codes of print runs still queued, or stalled (no batch for a minute) because the web process that took the order stopped; goes on from the codes already reserved',
    run: async () => `${await generateWaitingPrintRuns()} print run(s) finished`,
  },
]
