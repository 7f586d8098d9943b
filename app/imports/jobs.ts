import type { JobDefinition } from '#core/services/job_schedule'
import { tidyImportRuns } from '#imports/services/import_runs'

/** The imports' scheduled job: runs that lost their process, and old uploaded files. */
export const importJobs: JobDefinition[] = [
  {
    name: 'imports',
    schedule: { everyMinutes: 5 },
    lock: { minutes: 5 },
    what: 'marks failed an import whose process stopped (no progress for a while; its transaction was rolled back with it, so the file can be imported again) and removes uploaded files nobody imported after a week',
    run: async () => {
      const { stalled, removed } = await tidyImportRuns()
      return `${stalled} stalled import run(s), ${removed} old file(s) removed`
    },
  },
]
