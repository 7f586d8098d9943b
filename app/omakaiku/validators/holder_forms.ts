import vine from '@vinejs/vine'
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from '#omakaiku/models/notification_setting'
import { optionalPhone } from '#omakaiku/validators/account'
import { STARS } from '#usage/services/use_feedback'

/** A note's longest text. */
export const NOTE_MAX_LENGTH = 5000

const stars = () => vine.number().withoutDecimals().range([STARS.min, STARS.max])

export const feedbackValidator = vine.compile(
  vine.object({
    accessibility: stars(),
    meaning: stars(),
    interest: stars(),
    meaningful: vine.enum(['yes', 'no']),
  })
)

export const noteValidator = vine.compile(
  vine.object({
    body: vine.string().trim().minLength(1).maxLength(NOTE_MAX_LENGTH),
    useId: vine.number().withoutDecimals().positive().optional(),
    submissionKey: vine.string().uuid().optional(),
  })
)

export const notificationSettingsValidator = vine.compile(
  vine.object({
    enabled: vine.boolean().optional(),
    kinds: vine.array(vine.enum(NOTIFICATION_KINDS)).optional(),
    channels: vine.array(vine.enum(NOTIFICATION_CHANNELS)).optional(),
    genres: vine.array(vine.number().withoutDecimals().positive()).optional(),
    phone: optionalPhone(),
  })
)
