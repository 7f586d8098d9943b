import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type User from '#registry/models/user'
import type Card from '#registry/models/card'

const notFound = () => AuthorizationResponse.deny('Not found', 404)

/** Distributor users work with the cards their own organisation issued. */
export default class CardPolicy extends BasePolicy {
  issue(user: User) {
    return user.role === 'distributor' && user.organisationId !== null
  }

  view(user: User, card: Card) {
    return user.role === 'distributor' && card.issuingOrganisationId === user.organisationId
      ? true
      : notFound()
  }

  change(user: User, card: Card) {
    return this.view(user, card)
  }
}
