import { SessionLucidUserProvider } from '@adonisjs/auth/session'
import type User from '#registry/models/user'
import { organisationsInNetwork } from '#registry/services/organisation_standing'

/** The signed-in user's extra column: their organisation's id if it is in the network today, else null. */
const NETWORK_ORGANISATION = 'network_organisation_id'

/**
 * The staff guard's user provider. Every staff request asks whether the
 * user's organisation is still in the network (staff_standing_middleware);
 * this provider reads the answer in the statement that finds the user, a
 * round trip less on each request.
 */
export class StaffUserProvider extends SessionLucidUserProvider<typeof User> {
  async findById(identifier: string | number | BigInt) {
    const model = await this.getModel()
    const user = await model
      .query()
      .select('users.*')
      .select(
        organisationsInNetwork()
          .whereRaw('organisations.id = users.organisation_id')
          .as(NETWORK_ORGANISATION)
      )
      .where('users.id', Number(identifier))
      .first()
    return user ? this.createUserForGuard(user) : null
  }
}

/** Whether the user's organisation was in the network when the provider found them; undefined if it did not. */
export function foundInNetwork(user: User): boolean | undefined {
  if (!(NETWORK_ORGANISATION in user.$extras)) return undefined
  return user.$extras[NETWORK_ORGANISATION] !== null
}
