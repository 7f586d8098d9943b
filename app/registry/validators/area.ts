import vine from '@vinejs/vine'
import { DATE_FORMATS } from '#core/validators/date_formats'
import { AREA_STATUSES } from '#registry/models/area'

export const areaValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(2).maxLength(100),
    // The name in the Swedish interface; none: the Finnish name serves.
    nameSv: vine.string().trim().minLength(2).maxLength(100).optional(),
    status: vine.enum(AREA_STATUSES),
    pilotEndsOn: vine
      .date({ formats: DATE_FORMATS })
      .optional()
      .requiredWhen('status', '=', 'pilot'),
  })
)

export const municipalityValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(2).maxLength(100),
    nameSv: vine.string().trim().minLength(2).maxLength(100).optional(),
    areaId: vine.number().withoutDecimals().min(1),
    status: vine.enum(AREA_STATUSES),
  })
)

/** The area's postal codes as typed: checked one by one by the service. */
export const postalCodesValidator = vine.compile(
  vine.object({ postalCodes: vine.string().trim().maxLength(20_000).optional() })
)
