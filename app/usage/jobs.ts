import type { DateTime } from 'luxon'
import type { JobDefinition } from '#core/services/job_schedule'
import { releaseUnconfirmed } from '#usage/services/attendance'

/** The usage module's scheduled job: releasing bookings their holders left unconfirmed. */
export const usageJobs: JobDefinition[] = [
  {
    name: 'unconfirmed_releases',
    schedule: { everyMinutes: 10 },
    lock: { minutes: 10 },
    what: 'at venues that chose it, bookings whose holder was asked and did not confirm are released the set hours before the show',
    run: async (now: DateTime) => `${await releaseUnconfirmed(now)} booking(s) released`,
  },
]
