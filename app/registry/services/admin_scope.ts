import Area from '#registry/models/area'
import Municipality from '#registry/models/municipality'
import Organisation from '#registry/models/organisation'
import User from '#registry/models/user'

/*
| What an administrator sees: the national centre everything, an area
| coordinator only their own area. Every admin list and lookup starts here,
| so a record outside the scope is simply not found (404).
*/
const isAdmin = (actor: User) => actor.role === 'admin'

export function scopedAreas(actor: User) {
  const query = Area.query()
  if (!isAdmin(actor)) query.where('id', actor.areaId ?? 0)
  return query
}

export function scopedMunicipalities(actor: User) {
  const query = Municipality.query()
  if (!isAdmin(actor)) query.where('area_id', actor.areaId ?? 0)
  return query
}

export function scopedOrganisations(actor: User) {
  const query = Organisation.query()
  if (!isAdmin(actor)) query.where('area_id', actor.areaId ?? 0)
  return query
}

/** A coordinator manages the users of their area's organisations, not other coordinators. */
export function scopedUsers(actor: User) {
  const query = User.query()
  if (!isAdmin(actor)) {
    query.whereIn(
      'organisation_id',
      Organisation.query()
        .select('id')
        .where('area_id', actor.areaId ?? 0)
    )
  }
  return query
}
