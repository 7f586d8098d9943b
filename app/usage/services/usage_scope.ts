import type { StaffMember } from '#core/roles'
import { venueIdsServedBy } from '#registry/services/directory'

/**
 * The venues whose offers a user may register uses for: their own; those a
 * ticket agent serves; for a distributor, those it may book a client's
 * place at (the same venues: its area's, or all when it has no area).
 */
export async function usageVenueIds(actor: StaffMember): Promise<number[]> {
  if (actor.organisationId === null) return []
  if (actor.role === 'venue') return [actor.organisationId]
  if (actor.role === 'ticket_agent' || actor.role === 'distributor') {
    return venueIdsServedBy(actor.organisationId)
  }
  return []
}

/** Whether the user registers uses only as bookings ahead, for a client: a distributor. */
export function booksForClients(actor: StaffMember) {
  return actor.role === 'distributor'
}
