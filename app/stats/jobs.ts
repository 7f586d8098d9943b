import type { JobDefinition } from '#core/services/job_schedule'
import { refreshSummaries } from '#stats/services/summary_refresh'

/** The statistics' scheduled job: the summary tables. */
export const statsJobs: JobDefinition[] = [
  {
    name: 'statistics',
    schedule: { everyMinutes: 10 },
    // A full refresh took over nine minutes at national scale; the lock is extended while it runs.
    lock: { minutes: 20 },
    what: "the statistics' summary tables: the years whose cards, uses or imported yearly totals of the old register changed since the last run (a change up to 5 minutes before it is looked for again), every year on the first run of a day and after an organisation or a genre changed",
    run: async () => {
      const { cardYears, useYears, totalsYears, durationMs } = await refreshSummaries({
        full: false,
      })
      const years = (changed: 'all' | number[]) =>
        changed === 'all' ? 'all years' : `${changed.length} year(s)`
      return `cards: ${years(cardYears)}, uses: ${years(useYears)}, yearly totals: ${years(totalsYears)} rebuilt in ${durationMs} ms`
    },
  },
]
