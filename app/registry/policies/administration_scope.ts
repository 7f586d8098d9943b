import { AuthorizationResponse } from '@adonisjs/bouncer'
import type User from '#registry/models/user'

/** Outside the user's scope a record answers like one that does not exist. */
export const notFound = () => AuthorizationResponse.deny('Not found', 404)

/** The national centre administers everything; a coordinator their own area. */
export function administersArea(user: User, areaId: number | null) {
  return (
    user.role === 'admin' ||
    (user.role === 'area_coordinator' && areaId !== null && areaId === user.areaId)
  )
}
