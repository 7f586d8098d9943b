import type { StaffMember } from '#core/roles'
import { venueIdsServedBy } from '#registry/services/directory'

/** The venues whose offers a user may register uses for: their own, or those a ticket agent serves. */
export async function usageVenueIds(actor: StaffMember): Promise<number[]> {
  if (actor.organisationId === null) return []
  if (actor.role === 'venue') return [actor.organisationId]
  if (actor.role === 'ticket_agent') return venueIdsServedBy(actor.organisationId)
  return []
}
