import { createHash } from 'node:crypto'
import { DateTime } from 'luxon'
import limiter from '@adonisjs/limiter/services/main'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import { urlFor } from '@adonisjs/core/services/url_builder'
import feedbackConfig from '#config/feedback'
import env from '#start/env'
import AccessibilityFeedback from '#feedback/models/accessibility_feedback'
import { FieldError } from '#core/services/field_error'
import { oncePerSubmission } from '#core/services/one_time_form'
import { today } from '#core/services/time'
import { formatDate } from '#core/services/formatting'
import { currentLogger } from '#core/services/request_logger'

/*
| Feedback on accessibility reaches the national centre: stored, listed to
| the admin with the day the reply is due (the law's period from the day it
| came, config/feedback.ts), and sent to Kaikukeskus's address when one is
| set. Anyone may send it without signing in; one network address may send
| only so many an hour, and a double submit stores one.
*/
export type FeedbackInput = {
  concerns: string
  message: string
  replyEmail?: string
  replyPhone?: string
  submissionKey: string
}

const perAddress = () =>
  limiter.use({ requests: feedbackConfig.perAddressPerHour, duration: '1 hour' })

/** The counter's key: a hash of the address, so the counters keep no address. */
const addressKey = (ip: string) =>
  `accessibility_feedback:${createHash('sha256').update(ip).digest('hex')}`

/** The day a reply is due for feedback received on `received`. */
export function replyDueOn(received: DateTime) {
  return received.plus({ days: feedbackConfig.replyWithinDays })
}

/** Stores the feedback once per submission key, or refuses when the address has sent too many. */
export async function sendFeedback(input: FeedbackInput, locale: string, ip: string) {
  return oncePerSubmission(
    () => AccessibilityFeedback.findBy('submission_key', input.submissionKey),
    async () => {
      const key = addressKey(ip)
      if ((await perAddress().remaining(key)) <= 0) {
        throw new FieldError('form', 'feedback.too_many')
      }
      const feedback = await AccessibilityFeedback.create({
        concerns: input.concerns,
        message: input.message,
        replyEmail: input.replyEmail || null,
        replyPhone: input.replyPhone || null,
        locale,
        replyDueOn: replyDueOn(today()),
        answeredAt: null,
        submissionKey: input.submissionKey,
      })
      await perAddress().increment(key)
      await tellNationalCentre(feedback)
      return feedback
    }
  )
}

/**
 * Sends the new feedback to Kaikukeskus's address, when one is set. It is
 * stored whatever happens to the mail: the list is the record.
 */
async function tellNationalCentre(feedback: AccessibilityFeedback) {
  const address = feedbackConfig.nationalCentreEmail
  if (!address) return
  const i18n = i18nManager.locale('fi')
  try {
    await mail.send((message) => {
      message
        .to(address)
        .subject(i18n.t('feedback.mail_subject', { concerns: feedback.concerns }))
        .text(
          i18n.t('feedback.mail_body', {
            concerns: feedback.concerns,
            message: feedback.message,
            due: formatDate(feedback.replyDueOn, 'fi'),
            link: urlFor('admin_feedback.index', {}, { prefixUrl: env.get('APP_URL') }),
          })
        )
    })
  } catch (error) {
    currentLogger().error({ err: error }, 'accessibility feedback not sent by e-mail')
  }
}

/** How many answered feedbacks the list shows, the latest first. */
const ANSWERED_SHOWN = 100

/** Feedback waiting for a reply, the one due soonest first; and the latest answered. */
export async function feedbackList() {
  const [open, answered] = await Promise.all([
    AccessibilityFeedback.query().whereNull('answered_at').orderBy('reply_due_on').orderBy('id'),
    AccessibilityFeedback.query()
      .whereNotNull('answered_at')
      .orderBy('answered_at', 'desc')
      .limit(ANSWERED_SHOWN),
  ])
  return { open, answered }
}

/** How many feedbacks wait for a reply, for the national centre's home page. */
export async function feedbackAwaitingReply() {
  const [row] = await AccessibilityFeedback.query().whereNull('answered_at').count('* as total')
  return Number(row.$extras.total)
}

/** Marks feedback answered; answering it twice keeps the first time. */
export async function markAnswered(id: number) {
  const feedback = await AccessibilityFeedback.findOrFail(id)
  if (!feedback.answeredAt) {
    feedback.answeredAt = DateTime.utc()
    await feedback.save()
  }
  return feedback
}
