import { type DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import Survey from '#surveys/models/survey'
import { staffIn } from '#registry/services/directory'
import { formatDate } from '#core/services/formatting'
import { toSqlDateTime } from '#core/services/time'
import { withoutContactDetails } from '#core/services/contact_masking'
import { partnerStatus } from '#surveys/services/survey_results'

/*
| Reminders to the organisations that have not answered a partner survey:
| by e-mail to their active staff users, in the survey's language. The
| scheduled job reminds once in the last three days before the deadline; a
| coordinator may also remind by hand. Neither reminds an organisation that
| was reminded within the pause given.
*/
const AUTOMATIC_BEFORE_DEADLINE = { days: 3 }
const AUTOMATIC_PAUSE = { days: 2 }
export const MANUAL_PAUSE = { hours: 20 }

/** Reminds every organisation that has not answered and was not reminded since `notSince`; returns how many. */
export async function remindPartners(survey: Survey, now: DateTime, notSince: DateTime) {
  if (survey.stateAt(now) !== 'open') return 0
  const status = await partnerStatus(survey)
  const due = status.filter(
    (organisation) =>
      !organisation.answeredOn && (!organisation.remindedAt || organisation.remindedAt < notSince)
  )
  const i18n = i18nManager.locale(survey.language)
  const content = {
    subject: i18n.t('surveys.reminder.subject', { title: survey.title }),
    text: i18n.t('surveys.reminder.text', {
      title: survey.title,
      deadline: formatDate(survey.lastDay, survey.language),
      link: urlFor('partner_answers.show', { id: survey.id }, { prefixUrl: env.get('APP_URL') }),
    }),
  }
  for (const organisation of due) {
    for (const staff of await staffIn({ kind: 'organisation', organisationId: organisation.id })) {
      try {
        await mail.send((message) => {
          message.to(staff.email).subject(content.subject).text(content.text)
        })
      } catch (error) {
        // One address that fails must not stop the others; the organisation is still counted as reminded.
        logger.warn(
          {
            surveyId: survey.id,
            userId: staff.id,
            reason: withoutContactDetails((error as Error).message),
          },
          'partner survey reminder not sent'
        )
      }
    }
    await db.table('survey_reminders').insert({
      survey_id: survey.id,
      organisation_id: organisation.id,
      sent_at: toSqlDateTime(now),
    })
  }
  return due.length
}

/** The scheduled job: reminders for the open partner surveys whose deadline is near. */
export async function remindNearDeadlines(now: DateTime) {
  const surveys = await Survey.query()
    .where('kind', 'partner')
    .whereNotNull('opened_at')
    .whereNull('closed_at')
    .where('closes_at', '>', toSqlDateTime(now))
    .where('closes_at', '<=', toSqlDateTime(now.plus(AUTOMATIC_BEFORE_DEADLINE)))
  let reminded = 0
  for (const survey of surveys)
    reminded += await remindPartners(survey, now, now.minus(AUTOMATIC_PAUSE))
  return `${reminded} organisation(s) reminded`
}
