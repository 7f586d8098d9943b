/*
| Every scheduled job, from the module that owns it. The scheduler
| (start/scheduler.ts), `node ace jobs:run|jobs:list|jobs:table`, the
| admin's deliveries page and the jobs table of docs/OPERATIONS.md are all
| built from this list.
*/
import type { JobDefinition } from '#core/services/job_schedule'
import { messagingJobs } from '#messaging/jobs'
import { bulletinJobs } from '#bulletin/jobs'
import { surveyJobs } from '#surveys/jobs'
import { statsJobs } from '#stats/jobs'
import { registryJobs } from '#registry/jobs'
import { importJobs } from '#imports/jobs'
import { usageJobs } from '#usage/jobs'

export const JOBS: JobDefinition[] = [
  ...messagingJobs,
  ...surveyJobs,
  ...statsJobs,
  ...bulletinJobs,
  ...registryJobs,
  ...importJobs,
  ...usageJobs,
]
