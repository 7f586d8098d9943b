import type { DateTime } from 'luxon'
import type { JobDefinition } from '#core/services/job_schedule'
import BulletinMailer from '#bulletin/services/bulletin_mailer'

/** The bulletin's scheduled job: the daily digest for staff who chose it. */
export const bulletinJobs: JobDefinition[] = [
  {
    name: 'bulletin_digests',
    schedule: { dailyAt: '07:00' },
    lock: { minutes: 30 },
    what: 'staff who chose it get a digest of unread bulletin posts',
    run: async (now: DateTime) => `${await new BulletinMailer().sendDigests(now)} digest(s) sent`,
  },
]
