import vine from '@vinejs/vine'
import { DATE_FORMATS } from '#core/validators/date_formats'
import { AUDIENCES } from '#messaging/models/campaign'
import { CHANNELS } from '#messaging/message_kinds'
import { needs, type DependentFields } from '#core/services/dependent_fields'

/** Long enough for a real message, short enough to stay a few SMS. */
export const MESSAGE_MAX_LENGTH = 640

const message = () => vine.string().trim().maxLength(MESSAGE_MAX_LENGTH)

/**
 * The fields only some audiences need: an offer (the audiences of an
 * organisation's holders and visitors, not announcements), a genre, an area.
 * Each is shown, and validated, only for those audiences; for the others it
 * is ignored.
 */
export const AUDIENCE_FIELDS = {
  offerId: [
    'visitors_of_offer',
    'visitors_of_venue',
    'seats_left',
    'genre_in_area',
    'own_cardholders',
  ],
  genreId: ['genre_in_area'],
  areaId: ['area_cardholders'],
} as const satisfies DependentFields<'offerId' | 'genreId' | 'areaId'>

const offerId = () => vine.number().withoutDecimals().positive().optional()

/** What decides who a message reaches: the live count uses just this part. */
const audienceFields = {
  audience: vine.enum(AUDIENCES),
  channels: vine.array(vine.enum(CHANNELS)).minLength(1).distinct(),
}

/** The audience's own fields (AUDIENCE_FIELDS); the groups' audiences do not overlap. */
const audienceGroup = () =>
  vine.group([
    vine.group.if((data) => needs(AUDIENCE_FIELDS, 'genreId', data.audience), {
      offerId: offerId(),
      genreId: vine.number().withoutDecimals().positive().optional(),
    }),
    vine.group.if((data) => needs(AUDIENCE_FIELDS, 'areaId', data.audience), {
      areaId: vine.number().withoutDecimals().positive().optional(),
    }),
    vine.group.if((data) => needs(AUDIENCE_FIELDS, 'offerId', data.audience), {
      offerId: offerId(),
    }),
    vine.group.else({}),
  ])

export const reachValidator = vine.compile(vine.object(audienceFields).merge(audienceGroup()))

export const campaignValidator = vine.compile(
  vine
    .object({
      ...audienceFields,
      bodyFi: message().minLength(10),
      bodySv: message().optional(),
      bodyEn: message().optional(),
      when: vine.enum(['now', 'later']),
      sendDate: vine.date({ formats: DATE_FORMATS }).optional().requiredWhen('when', '=', 'later'),
      sendTime: vine
        .string()
        .regex(/^([01]?\d|2[0-3])[:.][0-5]\d$/)
        .optional()
        .requiredWhen('when', '=', 'later'),
      submissionKey: vine.string().uuid(),
    })
    .merge(audienceGroup())
)
