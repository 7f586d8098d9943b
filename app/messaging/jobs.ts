import type { DateTime } from 'luxon'
import type { JobDefinition } from '#core/services/job_schedule'
import { queueTicketReminders } from '#messaging/jobs/ticket_reminders'
import { queueVisitThanks } from '#messaging/jobs/visit_thanks'
import { queueCardExpiryNotices } from '#messaging/jobs/card_expiry_notices'
import { cleanUpExpiredRows } from '#messaging/jobs/retention_cleanup'
import { dispatchDueCampaigns } from '#messaging/services/campaigns'
import { drainOutbox } from '#messaging/services/outbox_worker'

/** The outbox worker stops taking new batches after this long, before the next minute's run. */
const OUTBOX_RUN_SECONDS = 50

/** The messaging module's scheduled jobs. */
export const messagingJobs: JobDefinition[] = [
  {
    name: 'outbox',
    schedule: { everyMinutes: 1 },
    // Every instance drains the outbox; SKIP LOCKED keeps them apart.
    lock: null,
    what: 'sends due messages for up to 50 s; SMS wait through the quiet hours',
    run: async (now: DateTime) =>
      `${await drainOutbox({ deadline: now.plus({ seconds: OUTBOX_RUN_SECONDS }) })} message(s) handled`,
  },
  {
    name: 'campaigns',
    schedule: { everyMinutes: 1 },
    lock: { minutes: 10 },
    what: 'staff messages whose time has come are queued',
    run: dispatchDueCampaigns,
  },
  {
    name: 'ticket_reminders',
    schedule: { everyMinutes: 5 },
    lock: { minutes: 10 },
    what: 'a reminder two days before a show and on its morning (sent from 08.00)',
    run: queueTicketReminders,
  },
  {
    name: 'visit_thanks',
    schedule: { everyMinutes: 15 },
    lock: { minutes: 10 },
    what: 'the day after a show: thanks and a feedback link (sent from 10.00)',
    run: queueVisitThanks,
  },
  {
    name: 'card_expiry',
    schedule: { everyMinutes: 60 },
    lock: { minutes: 10 },
    what: '30 and 7 days before a card\'s last day: "ask your distributor to extend"',
    run: queueCardExpiryNotices,
  },
  {
    name: 'cleanup',
    schedule: { dailyAt: '03:30' },
    lock: { minutes: 30 },
    what: 'rows past their period in config/retention.ts are removed, by the module that owns them (see docs/DATA_PROTECTION.md)',
    run: cleanUpExpiredRows,
  },
]
