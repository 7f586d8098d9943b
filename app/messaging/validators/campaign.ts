import vine from '@vinejs/vine'
import { AUDIENCES } from '#messaging/models/campaign'
import { CHANNELS } from '#messaging/message_kinds'

/** Long enough for a real message, short enough to stay a few SMS. */
export const MESSAGE_MAX_LENGTH = 640

const message = () => vine.string().trim().maxLength(MESSAGE_MAX_LENGTH)

/** What decides who a message reaches: the live count uses just this part. */
const audienceFields = {
  audience: vine.enum(AUDIENCES),
  offerId: vine.number().withoutDecimals().positive().optional(),
  genreId: vine.number().withoutDecimals().positive().optional(),
  areaId: vine.number().withoutDecimals().positive().optional(),
  channels: vine.array(vine.enum(CHANNELS)).minLength(1).distinct(),
}

export const reachValidator = vine.compile(vine.object(audienceFields))

export const campaignValidator = vine.compile(
  vine.object({
    ...audienceFields,
    bodyFi: message().minLength(10),
    bodySv: message().optional(),
    bodyEn: message().optional(),
    when: vine.enum(['now', 'later']),
    sendDate: vine
      .date({ formats: ['YYYY-MM-DD', 'D.M.YYYY'] })
      .optional()
      .requiredWhen('when', '=', 'later'),
    sendTime: vine
      .string()
      .regex(/^([01]?\d|2[0-3])[:.][0-5]\d$/)
      .optional()
      .requiredWhen('when', '=', 'later'),
    submissionKey: vine.string().uuid(),
  })
)
