import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type { StaffMember } from '#core/roles'
import type Survey from '#surveys/models/survey'

const notFound = () => AuthorizationResponse.deny('Not found', 404)

/**
 * Surveys are the national centre's and the area coordinators': an admin
 * manages every survey, a coordinator those of their own area. Anyone
 * else, and a coordinator at another area's survey, gets "not found".
 */
export default class SurveyPolicy extends BasePolicy {
  create(user: StaffMember) {
    return ['admin', 'area_coordinator'].includes(user.role) || notFound()
  }

  manage(user: StaffMember, survey: Survey) {
    if (user.role === 'admin') return true
    return (
      (user.role === 'area_coordinator' &&
        survey.areaId !== null &&
        survey.areaId === user.areaId) ||
      notFound()
    )
  }

  /** Wellbeing results of an area (null: every area, the national centre only). */
  viewResults(user: StaffMember, areaId: number | null) {
    if (user.role === 'admin') return true
    return (
      (user.role === 'area_coordinator' && areaId !== null && areaId === user.areaId) || notFound()
    )
  }
}
