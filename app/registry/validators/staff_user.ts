import vine from '@vinejs/vine'
import { ROLES } from '#core/roles'

export const staffUserValidator = vine.compile(
  vine.object({
    fullName: vine.string().trim().minLength(2).maxLength(150),
    email: vine.string().trim().toLowerCase().email().maxLength(254),
    role: vine.enum(ROLES),
    organisationId: vine.number().withoutDecimals().min(1).optional(),
    areaId: vine.number().withoutDecimals().min(1).optional(),
    active: vine.boolean().optional(),
  })
)

export const staffUserFilterValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(100).optional(),
    role: vine.enum(ROLES).optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
  })
)
