import vine from '@vinejs/vine'

/** The dashboards' filters, from the query string. */
export const statisticsFilterValidator = vine.compile(
  vine.object({
    year: vine.number().withoutDecimals().range([2000, 2100]).optional(),
    quarter: vine.number().withoutDecimals().range([1, 4]).optional(),
    area: vine.number().withoutDecimals().positive().optional(),
    organisation: vine.number().withoutDecimals().positive().optional(),
  })
)
