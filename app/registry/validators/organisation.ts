import vine from '@vinejs/vine'
import { ORGANISATION_TYPES, VENUE_CATEGORIES } from '#registry/models/organisation'

export const organisationValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(2).maxLength(150),
    type: vine.enum(ORGANISATION_TYPES),
    areaId: vine.number().withoutDecimals().min(1).optional(),
    municipalityId: vine.number().withoutDecimals().min(1).optional(),
    venueCategory: vine.enum(VENUE_CATEGORIES).optional().requiredWhen('type', '=', 'venue'),
    active: vine.boolean().optional(),
  })
)

export const organisationFilterValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(100).optional(),
    type: vine.enum(ORGANISATION_TYPES).optional(),
    areaId: vine.number().withoutDecimals().min(1).optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
  })
)
