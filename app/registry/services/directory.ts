import Area from '#registry/models/area'
import Municipality from '#registry/models/municipality'
import Organisation from '#registry/models/organisation'
import User from '#registry/models/user'
import { organisationsInNetwork } from '#registry/services/organisation_standing'

/*
| The registry's public read-only directory of places and organisations, for
| modules that show or filter by them (offers, usage). Names and ids only.
*/

/** The kinds of venue, for modules that describe venues (statistics, benchmark data). */
export { VENUE_CATEGORIES, type VenueCategory } from '#registry/models/organisation'

export type PlaceChoice = { id: number; name: string; areaId: number; areaName: string }

/**
 * Every municipality of an area with its area, sorted by area then name: for
 * selects and filters. Names in the page language (Swedish ones in Swedish).
 */
export async function municipalityChoices(locale = 'fi'): Promise<PlaceChoice[]> {
  const municipalities = await Municipality.query()
    .whereNotNull('area_id')
    .preload('area')
    .orderBy('name')
  return municipalities
    .map((m) => ({
      id: m.id,
      name: m.nameIn(locale),
      areaId: m.areaId!,
      areaName: m.area.nameIn(locale),
    }))
    .sort(
      (a, b) => a.areaName.localeCompare(b.areaName, locale) || a.name.localeCompare(b.name, locale)
    )
}

/** A municipality of the national list: its area's name, or null outside every area. */
export type NationalPlaceChoice = { id: number; name: string; areaName: string | null }

/**
 * Every municipality of Finland, those outside the areas too, by name in the
 * page language (Swedish names in Swedish): where an offer can be, a pop-up
 * venue's included. `ids` limits the list to those municipalities.
 */
export async function nationalMunicipalityChoices(
  locale: string,
  ids?: number[]
): Promise<NationalPlaceChoice[]> {
  const query = Municipality.query().preload('area')
  if (ids) query.whereIn('id', ids.length ? ids : [0])
  const municipalities = await query
  return municipalities
    .map((m) => ({ id: m.id, name: m.nameIn(locale), areaName: m.area?.nameIn(locale) ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name, locale))
}

/** The areas by name in the page language (Österbotten in Swedish). */
export async function areaChoices(locale = 'fi') {
  const areas = await Area.query().orderBy('name')
  return areas
    .map((area) => ({ id: area.id, name: area.nameIn(locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale))
}

/** A place's name in the page language, for modules that read names of their own. */
export { placeName } from '#registry/services/place_names'

export async function municipalityIdsOfArea(areaId: number): Promise<number[]> {
  const rows = await Municipality.query().select('id').where('area_id', areaId)
  return rows.map((row) => row.id)
}

export type OrganisationSummary = {
  id: number
  name: string
  type: Organisation['type']
  areaId: number | null
  municipalityId: number | null
}

export async function organisationSummary(id: number): Promise<OrganisationSummary | null> {
  const organisation = await Organisation.find(id)
  if (!organisation) return null
  const { name, type, areaId, municipalityId } = organisation
  return { id, name, type, areaId, municipalityId }
}

export async function organisationNames(ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map()
  const rows = await Organisation.query()
    .select('id', 'name')
    .whereIn('id', [...new Set(ids)])
  return new Map(rows.map((row) => [row.id, row.name]))
}

/**
 * The venues a ticket agent sells for, and a distributor books its clients'
 * places at: the venues of its area, or every venue when the organisation
 * works nationwide (no area).
 */
export async function venueIdsServedBy(agentOrganisationId: number): Promise<number[]> {
  const agent = await Organisation.findOrFail(agentOrganisationId)
  const query = Organisation.query()
    .select('id')
    .where('type', 'venue')
    .whereIn('id', organisationsInNetwork())
  if (agent.areaId !== null) query.where('area_id', agent.areaId)
  const venues = await query
  return venues.map((row) => row.id)
}

/** Where a staff member sits: their organisation's type and area, or a coordinator's area. */
export type StaffPlace = {
  organisationType: Organisation['type'] | null
  areaId: number | null
  areaStatus: Area['status'] | null
}

export async function placeOf(member: {
  organisationId: number | null
  areaId: number | null
}): Promise<StaffPlace> {
  const organisation = member.organisationId ? await Organisation.find(member.organisationId) : null
  const areaId = organisation ? organisation.areaId : member.areaId
  const area = areaId ? await Area.find(areaId) : null
  return {
    organisationType: organisation?.type ?? null,
    areaId: area?.id ?? null,
    areaStatus: area?.status ?? null,
  }
}

export type StaffAudience =
  | { kind: 'everyone' }
  | { kind: 'area_status'; status: string }
  | { kind: 'area'; areaId: number; organisationType?: Organisation['type'] }
  | { kind: 'organisation'; organisationId: number }
  | { kind: 'user'; userId: number }

/**
 * The active staff users an audience reaches, with their e-mail address
 * (staff data) for notifications. An area's audience includes its
 * coordinators.
 */
export async function staffIn(audience: StaffAudience) {
  const query = User.query()
    .where('active', true)
    .select('id', 'email', 'full_name', 'role', 'organisation_id', 'area_id')
  const orgs = () => Organisation.query().select('id')
  switch (audience.kind) {
    case 'everyone':
      break
    case 'area_status': {
      const areas = Area.query().select('id').where('status', audience.status)
      query.where((q) =>
        q.whereIn('organisation_id', orgs().whereIn('area_id', areas)).orWhereIn('area_id', areas)
      )
      break
    }
    case 'area': {
      const inArea = orgs().where('area_id', audience.areaId)
      if (audience.organisationType) inArea.where('type', audience.organisationType)
      query.where((q) =>
        q
          .whereIn('organisation_id', inArea)
          .orWhere((c) => c.where('role', 'area_coordinator').where('area_id', audience.areaId))
      )
      break
    }
    case 'organisation':
      query.where('organisation_id', audience.organisationId)
      break
    case 'user':
      query.where('id', audience.userId)
      break
  }
  const users = await query
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    organisationId: user.organisationId,
    areaId: user.areaId,
  }))
}

/** The active organisations of some areas, by name: whom an author may address. */
export async function organisationsInAreas(areaIds: number[]) {
  if (!areaIds.length) return []
  const rows = await Organisation.query()
    .whereIn('area_id', areaIds)
    .where('active', true)
    .orderBy('name')
  return rows.map((o) => ({ id: o.id, name: o.name, type: o.type, areaId: o.areaId }))
}

export async function staffSummary(userId: number) {
  const user = await User.find(userId)
  if (!user) return null
  return {
    id: user.id,
    fullName: user.fullName,
    role: user.role,
    organisationId: user.organisationId,
    areaId: user.areaId,
    active: user.active,
  }
}
