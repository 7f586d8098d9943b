import vine from '@vinejs/vine'
import { DATE_FORMATS } from '#core/validators/date_formats'
import type { FieldContext } from '@vinejs/vine/types'
import { AUDIENCES, POST_LANGUAGES } from '#bulletin/models/post'
import { EMAIL_MODES } from '#bulletin/models/bulletin_setting'
import { AREA_STATUSES_FOR_AUDIENCE, AUDIENCE_FIELDS } from '#bulletin/services/audience_options'
import { needs } from '#core/services/dependent_fields'
import { today } from '#core/services/time'

const notInPast = vine.createRule((value, _options, field: FieldContext) => {
  if (value instanceof Date && value < today().toJSDate()) {
    field.report('The date is in the past', 'notInPast', field)
  }
})

const heading = () => vine.string().trim().minLength(3).maxLength(150)
const message = () => vine.string().trim().minLength(1).maxLength(10000)

/** A field only some audiences need: validated for them, ignored (left out) for the rest. */
const forAudiences = <Properties extends Record<string, any>>(
  field: keyof typeof AUDIENCE_FIELDS,
  properties: Properties
) => vine.group.if((data) => needs(AUDIENCE_FIELDS, field, data.audience), properties)

/** What a post says, written or changed: the same fields and rules. */
const postFields = () => ({
  heading: heading(),
  message: message(),
  expiresOn: vine.date({ formats: DATE_FORMATS }).use(notInPast()).optional(),
  pinned: vine.boolean().optional(),
  offerId: vine.number().withoutDecimals().optional(),
  language: vine.enum(POST_LANGUAGES).optional(),
})

export const postValidator = vine.compile(
  vine
    .object({
      audience: vine.enum(AUDIENCES),
      ...postFields(),
      submissionKey: vine.string().uuid(),
    })
    .merge(
      vine.group([
        forAudiences('areaId', { areaId: vine.number().withoutDecimals().optional() }),
        forAudiences('areaStatus', {
          areaStatus: vine.enum(AREA_STATUSES_FOR_AUDIENCE).optional(),
        }),
        forAudiences('organisationId', {
          organisationId: vine.number().withoutDecimals().optional(),
        }),
        forAudiences('userId', { userId: vine.number().withoutDecimals().optional() }),
        vine.group.else({}),
      ])
    )
)

export const postChangesValidator = vine.compile(vine.object(postFields()))

export const replyValidator = vine.compile(
  vine.object({
    message: message(),
    // Empty: every reader of the post sees the reply; a user's id: only they (and the writer).
    privateTo: vine.number().withoutDecimals().optional(),
    submissionKey: vine.string().uuid(),
  })
)

export const withdrawValidator = vine.compile(vine.object({ confirm: vine.accepted() }))

export const inboxFilterValidator = vine.compile(
  vine.object({
    sender: vine
      .enum(['national', 'area', 'venue', 'distributor', 'ticket_agent', 'partner'])
      .optional(),
    q: vine.string().trim().maxLength(100).optional(),
    unread: vine.boolean().optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
  })
)

export const settingsValidator = vine.compile(vine.object({ emailMode: vine.enum(EMAIL_MODES) }))
