/*
| The recurring jobs, run by `node ace scheduler:work` (one such process per
| instance that should send; see docs/OPERATIONS.md). Each job takes a lock
| across instances; the outbox worker runs on every instance.
*/
import router from '@adonisjs/core/services/router'
import scheduler from 'adonisjs-scheduler/services/main'
import { runJob } from '#messaging/services/job_runner'

// Jobs build signed links by route name (unsubscribe); outside the HTTP server
// nobody else readies the route table.
if (!router.commited) router.commit()

scheduler
  .call(() => runJob('outbox'))
  .everyMinute()
  .withoutOverlapping()
scheduler
  .call(() => runJob('campaigns'))
  .everyMinute()
  .withoutOverlapping()
scheduler
  .call(() => runJob('ticket_reminders'))
  .everyFiveMinutes()
  .withoutOverlapping()
scheduler
  .call(() => runJob('visit_thanks'))
  .everyFifteenMinutes()
  .withoutOverlapping()
scheduler
  .call(() => runJob('card_expiry'))
  .hourly()
  .withoutOverlapping()
scheduler
  .call(() => runJob('partner_survey_reminders'))
  .hourly()
  .withoutOverlapping()
scheduler
  .call(() => runJob('statistics'))
  .everyTenMinutes()
  .withoutOverlapping()
scheduler
  .call(() => runJob('cleanup'))
  .dailyAt('03:30')
  .timezone('Europe/Helsinki')
