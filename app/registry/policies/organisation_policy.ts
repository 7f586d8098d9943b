import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#registry/models/user'
import type Organisation from '#registry/models/organisation'
import { administersArea, notFound } from '#registry/policies/administration_scope'

export default class OrganisationPolicy extends BasePolicy {
  manage(user: User, organisation: Organisation) {
    return user.role === 'admin' || administersArea(user, organisation.areaId) || notFound()
  }
}
