/** Staff roles of the registry. Cardholders are not staff (see OmaKaiku). */
export const ROLES = [
  'admin',
  'area_coordinator',
  'distributor',
  'venue',
  'ticket_agent',
  'partner',
] as const
export type Role = (typeof ROLES)[number]

/** The kind of organisation each organisation-bound role belongs to. */
export const ROLE_ORGANISATION_TYPE = {
  distributor: 'distributor',
  venue: 'venue',
  ticket_agent: 'ticket_agent',
  partner: 'partner',
} as const

/**
 * What other modules need to know of a signed-in staff member. The registry's
 * User model has this shape; modules outside the registry depend on the
 * shape, not the model.
 */
export type StaffMember = {
  id: number
  role: Role
  organisationId: number | null
  areaId: number | null
}
