import vine from '@vinejs/vine'

export const resultFilterValidator = vine.compile(
  vine.object({
    year: vine.number().withoutDecimals().range([2000, 2100]).optional(),
    area: vine.number().withoutDecimals().positive().optional(),
  })
)
