import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type { StaffMember } from '#core/roles'
import type { OrganisationSummary } from '#registry/services/directory'

const notFound = () => AuthorizationResponse.deny('Not found', 404)

/**
 * Statistics are limited by role: the national centre sees everything, an
 * area coordinator their own area, a distributor or a venue its own
 * organisation. Anything else answers "not found".
 */
export default class StatisticsPolicy extends BasePolicy {
  /** An area's dashboard (null: the whole country). */
  viewArea(user: StaffMember, areaId: number | null) {
    if (user.role === 'admin') return true
    return (
      (user.role === 'area_coordinator' && areaId !== null && areaId === user.areaId) || notFound()
    )
  }

  /** A distributor's or a venue's dashboard (null: none chosen yet, the national centre only). */
  viewOrganisation(user: StaffMember, organisation: OrganisationSummary | null) {
    if (user.role === 'admin') return true
    return (
      (organisation !== null &&
        user.organisationId === organisation.id &&
        user.role === organisation.type) ||
      notFound()
    )
  }
}
