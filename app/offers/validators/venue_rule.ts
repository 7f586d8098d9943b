import vine from '@vinejs/vine'

export const venueRuleValidator = vine.compile(
  vine.object({
    maxOpenBookings: vine.number().withoutDecimals().range([1, 50]).optional(),
  })
)
