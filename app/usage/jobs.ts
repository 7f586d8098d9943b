import type { DateTime } from 'luxon'
import type { JobDefinition } from '#core/services/job_schedule'
import { releaseUnconfirmed } from '#usage/services/attendance'
import { offerOnAllLists } from '#usage/services/waiting_list'

/** The usage module's scheduled jobs: unconfirmed bookings released, waiting-list holds passed on. */
export const usageJobs: JobDefinition[] = [
  {
    name: 'unconfirmed_releases',
    schedule: { everyMinutes: 10 },
    lock: { minutes: 10 },
    what: 'at venues that chose it, bookings whose holder was asked and did not confirm are released the set hours before the show',
    run: async (now: DateTime) => `${await releaseUnconfirmed(now)} booking(s) released`,
  },
  {
    name: 'waiting_lists',
    schedule: { everyMinutes: 5 },
    lock: { minutes: 10 },
    what: 'waiting-list offers whose hold ran out end, and free places are offered to the next on the list',
    run: offerOnAllLists,
  },
]
