import vine from '@vinejs/vine'
import { RELEASE_UNCONFIRMED_HOURS } from '#offers/services/restrictions'

export const venueRuleValidator = vine.compile(
  vine.object({
    maxOpenBookings: vine.number().withoutDecimals().range([1, 50]).optional(),
    releaseUnconfirmedHours: vine
      .number()
      .withoutDecimals()
      .range([RELEASE_UNCONFIRMED_HOURS.min, RELEASE_UNCONFIRMED_HOURS.max])
      .optional(),
  })
)
