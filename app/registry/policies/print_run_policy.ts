import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#registry/models/user'
import type PrintRun from '#registry/models/print_run'
import { administersArea, notFound } from '#registry/policies/administration_scope'

/** Print runs: the national centre orders and sees every run, a coordinator their own area's. */
export default class PrintRunPolicy extends BasePolicy {
  order(user: User) {
    return user.role === 'admin' || (user.role === 'area_coordinator' && user.areaId !== null)
  }

  view(user: User, run: PrintRun) {
    return administersArea(user, run.areaId) || notFound()
  }

  cancel(user: User, run: PrintRun) {
    if (!administersArea(user, run.areaId)) return notFound()
    return run.status !== 'cancelled'
  }
}
