import vine from '@vinejs/vine'
import { CARD_TYPES } from '#registry/models/card'
import { PRINT_LANGUAGES } from '#registry/models/print_run'
import printRunsConfig from '#config/print_runs'

export const printRunValidator = vine.compile(
  vine.object({
    cardType: vine.enum(CARD_TYPES),
    language: vine.enum(PRINT_LANGUAGES),
    quantity: vine.number().withoutDecimals().min(1).max(printRunsConfig.maxQuantity),
    // Ignored for a coordinator: their run is always for their own area.
    areaId: vine.number().withoutDecimals().min(1).optional(),
    organisationId: vine.number().withoutDecimals().min(1).optional(),
    submissionKey: vine.string().uuid(),
  })
)
