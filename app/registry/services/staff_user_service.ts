import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import User, { type CoordinatorSide } from '#registry/models/user'
import Area from '#registry/models/area'
import { ROLE_ORGANISATION_TYPE, type Role } from '#core/roles'
import type { Locale } from '#config/i18n'
import { FieldError } from '#core/services/field_error'
import { scopedOrganisations } from '#registry/services/admin_scope'
import { sendAccountInvitation } from '#registry/services/password_reset'

export type StaffUserInput = {
  fullName: string
  email: string
  role: Role
  organisationId?: number
  areaId?: number
  /** The side of the area a coordinator covers; ignored for other roles. */
  coordinatorSide?: CoordinatorSide
  active?: boolean
}

const sideOf = (input: StaffUserInput) =>
  input.role === 'area_coordinator' ? (input.coordinatorSide ?? null) : null

/** Roles a coordinator may give; only the national centre creates admins and coordinators. */
export const COORDINATOR_ASSIGNABLE = ['distributor', 'venue', 'ticket_agent', 'partner'] as const

/** Checks the role against the organisation or area it needs, within the actor's scope. */
async function placement(actor: User, input: StaffUserInput) {
  if (actor.role !== 'admin' && !(COORDINATOR_ASSIGNABLE as readonly Role[]).includes(input.role)) {
    throw new FieldError('role', 'admin.errors.role_not_allowed')
  }
  if (input.role === 'admin') return { organisationId: null, areaId: null }
  if (input.role === 'area_coordinator') {
    if (!input.areaId || !(await Area.find(input.areaId)))
      throw new FieldError('areaId', 'admin.errors.area_required')
    return { organisationId: null, areaId: input.areaId }
  }
  if (!input.organisationId)
    throw new FieldError('organisationId', 'admin.errors.organisation_required')
  const organisation = await scopedOrganisations(actor).where('id', input.organisationId).first()
  if (!organisation)
    throw new FieldError('organisationId', 'admin.errors.organisation_outside_scope')
  if (organisation.type !== ROLE_ORGANISATION_TYPE[input.role]) {
    throw new FieldError('organisationId', 'admin.errors.organisation_type_mismatch')
  }
  return { organisationId: organisation.id, areaId: null }
}

async function assertEmailFree(email: string, exceptId?: number) {
  const taken = await User.query()
    .where('email', email)
    .if(exceptId, (query) => query.whereNot('id', exceptId!))
    .first()
  if (taken) throw new FieldError('email', 'admin.errors.email_taken')
}

/**
 * Creates a staff user and e-mails them a link to set their own password.
 * The account and the invitation succeed or fail together.
 */
export async function createStaffUser(actor: User, input: StaffUserInput, locale: Locale) {
  const place = await placement(actor, input)
  await assertEmailFree(input.email)
  return db.connection('registry').transaction(async (trx) => {
    const user = await User.create(
      {
        fullName: input.fullName,
        email: input.email,
        role: input.role,
        ...place,
        coordinatorSide: sideOf(input),
        active: true,
        // Nobody knows this password; the invitation link sets the real one.
        password: randomBytes(32).toString('base64url'),
      },
      { client: trx }
    )
    await sendAccountInvitation(user, locale, trx)
    return user
  })
}

export async function updateStaffUser(actor: User, user: User, input: StaffUserInput) {
  const place = await placement(actor, input)
  await assertEmailFree(input.email, user.id)
  if (user.id === actor.id && input.active !== true)
    throw new FieldError('active', 'admin.errors.cannot_deactivate_self')
  user.merge({
    fullName: input.fullName,
    email: input.email,
    role: input.role,
    ...place,
    coordinatorSide: sideOf(input),
    active: input.active === true,
  })
  return user.save()
}
