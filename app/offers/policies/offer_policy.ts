import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type { StaffMember } from '#core/roles'

const notFound = () => AuthorizationResponse.deny('Not found', 404)

/** A venue's staff manage their own venue's offers; another venue's offer is "not found". */
export default class OfferPolicy extends BasePolicy {
  create(user: StaffMember) {
    return user.role === 'venue' && user.organisationId !== null
  }

  manage(user: StaffMember, offer: { organisationId: number }) {
    return user.role === 'venue' && offer.organisationId === user.organisationId ? true : notFound()
  }
}
