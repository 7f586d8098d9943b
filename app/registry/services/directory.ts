import Area from '#registry/models/area'
import Municipality from '#registry/models/municipality'
import Organisation from '#registry/models/organisation'

/*
| The registry's public read-only directory of places and organisations, for
| modules that show or filter by them (offers, usage). Names and ids only.
*/

export type PlaceChoice = { id: number; name: string; areaId: number; areaName: string }

/** Every municipality with its area, sorted by area then name: for selects and filters. */
export async function municipalityChoices(): Promise<PlaceChoice[]> {
  const municipalities = await Municipality.query().preload('area').orderBy('name')
  return municipalities
    .map((m) => ({ id: m.id, name: m.name, areaId: m.areaId, areaName: m.area.name }))
    .sort(
      (a, b) => a.areaName.localeCompare(b.areaName, 'fi') || a.name.localeCompare(b.name, 'fi')
    )
}

export async function areaChoices() {
  const areas = await Area.query().orderBy('name')
  return areas.map((area) => ({ id: area.id, name: area.name }))
}

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
 * The venues a ticket agent sells for: the venues of its area, or every venue
 * when the agent works nationwide (no area).
 */
export async function venueIdsServedBy(agentOrganisationId: number): Promise<number[]> {
  const agent = await Organisation.findOrFail(agentOrganisationId)
  const query = Organisation.query().select('id').where('type', 'venue').where('active', true)
  if (agent.areaId !== null) query.where('area_id', agent.areaId)
  const venues = await query
  return venues.map((row) => row.id)
}
