import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import feedbackConfig from '#config/feedback'
import { contactPhoneOf } from '#registry/services/contact_phone'

/** A phone number one can call back, kept in E.164 form. */
const replyPhone = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const e164 = contactPhoneOf(value)
  if (e164) field.mutate(e164, field)
  else field.report('Not a phone number', 'phone', field)
})

export const feedbackValidator = vine.compile(
  vine.object({
    concerns: vine.string().trim().maxLength(feedbackConfig.maxConcernsLength),
    message: vine.string().trim().maxLength(feedbackConfig.maxMessageLength),
    replyEmail: vine.string().trim().toLowerCase().email().maxLength(254).optional(),
    replyPhone: vine.string().trim().maxLength(30).use(replyPhone()).optional(),
    submissionKey: vine.string().uuid(),
  })
)
