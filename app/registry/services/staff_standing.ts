import type User from '#registry/models/user'
import Organisation from '#registry/models/organisation'
import { inNetwork } from '#registry/services/organisation_standing'
import { foundInNetwork } from '#registry/services/staff_user_provider'

/**
 * Whether a staff user may still work: the user is active and their
 * organisation is in the network (admins and area coordinators have none). Asked at sign-in
 * and on every request, so that deactivating either ends an open session.
 */
export async function mayStillWork(user: User) {
  if (!user.active) return false
  if (user.organisationId === null) return true
  const known = foundInNetwork(user)
  if (known !== undefined) return known
  const organisation = await Organisation.find(user.organisationId)
  return organisation !== null && inNetwork(organisation)
}
