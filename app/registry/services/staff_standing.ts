import type User from '#registry/models/user'
import Organisation from '#registry/models/organisation'

/**
 * Whether a staff user may still work: the user is active and so is their
 * organisation (admins and area coordinators have none). Asked at sign-in
 * and on every request, so that deactivating either ends an open session.
 */
export async function mayStillWork(user: User) {
  if (!user.active) return false
  if (user.organisationId === null) return true
  const organisation = await Organisation.find(user.organisationId)
  return Boolean(organisation?.active)
}
