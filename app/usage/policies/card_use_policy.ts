import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type { StaffMember } from '#core/roles'

const notFound = () => AuthorizationResponse.deny('Not found', 404)

/** Uses are the venue's: only its own staff see the roster, cancel or mark a no-show. */
export default class CardUsePolicy extends BasePolicy {
  manage(user: StaffMember, use: { organisationId: number }) {
    return user.role === 'venue' && use.organisationId === user.organisationId ? true : notFound()
  }
}
