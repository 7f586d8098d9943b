import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#registry/models/user'
import type Area from '#registry/models/area'
import { administersArea, notFound } from '#registry/policies/administration_scope'

/** Areas, their status and pilot end dates are the national centre's to change. */
export default class AreaPolicy extends BasePolicy {
  view(user: User, area: Area) {
    return administersArea(user, area.id) || notFound()
  }

  /** The area's postal codes: its coordinator's as well as the national centre's. */
  editPostalCodes(user: User, area: Area) {
    return administersArea(user, area.id) || notFound()
  }

  manage(user: User) {
    return user.role === 'admin' || notFound()
  }
}
