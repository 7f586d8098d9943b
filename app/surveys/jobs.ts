import type { JobDefinition } from '#core/services/job_schedule'
import { remindNearDeadlines } from '#surveys/services/partner_reminders'

/** The surveys module's scheduled job. */
export const surveyJobs: JobDefinition[] = [
  {
    name: 'partner_survey_reminders',
    schedule: { everyMinutes: 60 },
    lock: { minutes: 15 },
    what: 'organisations that have not answered a partner survey get an e-mail reminder once in the last three days before its deadline',
    run: remindNearDeadlines,
  },
]
