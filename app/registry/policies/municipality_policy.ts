import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#registry/models/user'
import type Municipality from '#registry/models/municipality'
import { administersArea, notFound } from '#registry/policies/administration_scope'

export default class MunicipalityPolicy extends BasePolicy {
  manage(user: User, municipality: Municipality) {
    return administersArea(user, municipality.areaId) || notFound()
  }
}
