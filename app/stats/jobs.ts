import type { JobDefinition } from '#core/services/job_schedule'
import { refreshSummaries } from '#stats/services/summary_refresh'

/** The statistics' scheduled job: the summary tables. */
export const statsJobs: JobDefinition[] = [
  {
    name: 'statistics',
    schedule: { everyMinutes: 10 },
    // A full rebuild (the first run, or after the facts were lost) takes minutes at national
    // scale; the lock is extended while it runs.
    lock: { minutes: 20 },
    what: "the statistics' summary tables: the groups of the cards, uses and organisations that changed since the last run (a change up to 5 minutes before it is looked for again) and of the old register's yearly totals imported since; the first run of a day also counts the cards whose validity ended and looks for deleted rows",
    run: async () => {
      const { full, cards, uses, totalsYears, durationMs } = await refreshSummaries({
        full: false,
      })
      const years = totalsYears === 'all' ? 'all years' : `${totalsYears.length} year(s)`
      return `${full ? 'everything' : 'what changed'}: ${cards} cards, ${uses} uses, yearly totals: ${years} in ${durationMs} ms`
    },
  },
]
