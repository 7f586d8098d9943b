/*
| The recurring jobs, run by `node ace scheduler:work` (one such process per
| instance that should send; see docs/OPERATIONS.md): every job of
| start/jobs.ts, looked at each minute and run when due since its last
| recorded run. Each job takes its lock across instances; the outbox worker
| runs on every instance.
*/
import router from '@adonisjs/core/services/router'
import scheduler from 'adonisjs-scheduler/services/main'
import { scheduleJobs } from '#messaging/services/job_scheduling'
import { JOBS } from '#start/jobs'

// Jobs build signed links by route name (unsubscribe); outside the HTTP server
// nobody else readies the route table.
if (!router.commited) router.commit()

scheduleJobs(scheduler, JOBS)
