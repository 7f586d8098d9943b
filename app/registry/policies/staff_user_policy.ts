import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#registry/models/user'
import { administersArea, notFound } from '#registry/policies/administration_scope'

/** A coordinator manages the users of their area's organisations; the national centre everyone. */
export default class StaffUserPolicy extends BasePolicy {
  manage(user: User, target: User) {
    if (user.role === 'admin') return true
    const targetArea = target.organisation?.areaId ?? null
    return (target.organisationId !== null && administersArea(user, targetArea)) || notFound()
  }
}
