import vine from '@vinejs/vine'
import { ROLES } from '#core/roles'
import { COORDINATOR_SIDES } from '#registry/models/user'

export const staffUserValidator = vine.compile(
  vine.object({
    fullName: vine.string().trim().minLength(2).maxLength(150),
    email: vine.string().trim().toLowerCase().email().maxLength(254),
    role: vine.enum(ROLES),
    organisationId: vine.number().withoutDecimals().min(1).optional(),
    areaId: vine.number().withoutDecimals().min(1).optional(),
    coordinatorSide: vine
      .enum(COORDINATOR_SIDES)
      .optional()
      .requiredWhen('role', '=', 'area_coordinator'),
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
