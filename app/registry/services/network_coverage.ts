import Organisation, {
  THIRD_SECTOR_CATEGORIES,
  type DistributorCategory,
  type OrganisationType,
} from '#registry/models/organisation'
import User, { type CoordinatorSide } from '#registry/models/user'
import { FieldError } from '#core/services/field_error'
import { organisationsInNetwork } from '#registry/services/organisation_standing'

/*
| Who and what an area's network has (issue 21): the distributor categories
| and the third-sector distributor the operating model requires in every
| area, and the area's two responsible people, the culture side (venues) and
| the welfare side (distributors), as area coordinators carrying a side.
*/

/**
 * The category to store for an organisation being saved. A new distributor,
 * one becoming a distributor, or one that has a category must have one; an
 * existing distributor nobody has classified yet may stay "not set".
 */
export function distributorCategoryOf(
  input: { type: OrganisationType; distributorCategory?: DistributorCategory },
  organisation: Organisation
): DistributorCategory | null {
  if (input.type !== 'distributor') return null
  if (input.distributorCategory) return input.distributorCategory
  const unclassified =
    organisation.$isPersisted &&
    organisation.type === 'distributor' &&
    organisation.distributorCategory === null
  if (!unclassified) {
    throw new FieldError('distributorCategory', 'admin.errors.distributor_category_required')
  }
  return null
}

export const isThirdSector = (category: DistributorCategory | null) =>
  category !== null && THIRD_SECTOR_CATEGORIES.includes(category)

/** Of the given areas, those with no third-sector distributor in the network today. */
export async function areasWithoutThirdSector(areaIds: number[]): Promise<Set<number>> {
  if (!areaIds.length) return new Set()
  const rows = await Organisation.query()
    .select('area_id')
    .whereIn('area_id', areaIds)
    .where('type', 'distributor')
    .whereIn('distributor_category', [...THIRD_SECTOR_CATEGORIES])
    .whereIn('id', organisationsInNetwork())
    .groupBy('area_id')
  const covered = new Set(rows.map((row) => row.areaId))
  return new Set(areaIds.filter((id) => !covered.has(id)))
}

/** Whether one area lacks a third-sector distributor in the network today. */
export async function lacksThirdSector(areaId: number) {
  const missing = await areasWithoutThirdSector([areaId])
  return missing.size > 0
}

export type ResponsiblePerson = { id: number; fullName: string; email: string }
export type AreaResponsibles = { culture: ResponsiblePerson[]; welfare: ResponsiblePerson[] }

const covers = (side: CoordinatorSide | null, wanted: 'culture' | 'welfare') =>
  side === wanted || side === 'both'

/** The active coordinators of each area by the side they cover (a "both" counts on each side). */
export async function responsiblesOf(areaIds: number[]): Promise<Map<number, AreaResponsibles>> {
  const result = new Map<number, AreaResponsibles>(
    areaIds.map((id) => [id, { culture: [], welfare: [] }])
  )
  if (!areaIds.length) return result
  const coordinators = await User.query()
    .where('role', 'area_coordinator')
    .where('active', true)
    .whereIn('area_id', areaIds)
    .orderBy('full_name')
  for (const coordinator of coordinators) {
    const sides = result.get(coordinator.areaId!)!
    const person = { id: coordinator.id, fullName: coordinator.fullName, email: coordinator.email }
    if (covers(coordinator.coordinatorSide, 'culture')) sides.culture.push(person)
    if (covers(coordinator.coordinatorSide, 'welfare')) sides.welfare.push(person)
  }
  return result
}

export async function responsiblesOfArea(areaId: number): Promise<AreaResponsibles> {
  const byArea = await responsiblesOf([areaId])
  return byArea.get(areaId)!
}

/**
 * The area's responsible people an organisation turns to: venues and ticket
 * agents the culture side, distributors and partners the welfare side.
 */
export async function areaContactsFor(organisation: {
  type: OrganisationType
  areaId: number | null
}): Promise<{ side: 'culture' | 'welfare'; people: ResponsiblePerson[] } | null> {
  if (organisation.areaId === null) return null
  const side = ['venue', 'ticket_agent'].includes(organisation.type) ? 'culture' : 'welfare'
  const responsibles = await responsiblesOfArea(organisation.areaId)
  return { side, people: responsibles[side] }
}
