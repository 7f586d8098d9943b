import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import { organisationsInNetwork } from '#registry/services/organisation_standing'
import { publicOfferCounts } from '#registry/services/offer_count_port'
import { keepFiltersInPageLinks } from '#core/services/pagination'

/*
| The public directory of the network (issue 21): the venues and the
| distributors in the network today, by area and municipality, with their
| website, their accessibility information and what they offer. Ticket
| agents and partners work behind the scenes and are not listed; an
| organisation that is inactive or past its last day is not either.
*/
export const DIRECTORY_TYPES = ['venue', 'distributor'] as const
export type DirectoryType = (typeof DIRECTORY_TYPES)[number]

export type DirectoryFilters = {
  area?: number
  municipality?: number
  type?: DirectoryType
  page?: number
}

const PAGE_SIZE = 50

/** The listed organisations: venues and distributors in the network today. */
function listed() {
  return Organisation.query()
    .whereIn('organisations.id', organisationsInNetwork())
    .whereIn('organisations.type', DIRECTORY_TYPES as unknown as string[])
}

/**
 * One page of the directory, sorted by area, municipality and name; pop-up
 * venues outside every area come last. Each entry carries its area and
 * municipality, and a venue the number of its offers on the public list.
 */
export async function directoryPage(
  filters: DirectoryFilters,
  query: Record<string, unknown>,
  locale = 'fi'
) {
  const organisations = listed()
    .select('organisations.*')
    .leftJoin('areas', 'areas.id', 'organisations.area_id')
    .leftJoin('municipalities', 'municipalities.id', 'organisations.municipality_id')
    .preload('area')
    .preload('municipality')
    .orderByRaw('case when organisations.area_id is null then 1 else 0 end')
    .orderBy('areas.name')
    .orderBy('municipalities.name')
    .orderBy('organisations.name')
    .orderBy('organisations.id')
  if (filters.area) organisations.where('organisations.area_id', filters.area)
  if (filters.municipality)
    organisations.where('organisations.municipality_id', filters.municipality)
  if (filters.type) organisations.where('organisations.type', filters.type)

  const page = await organisations.paginate(filters.page ?? 1, PAGE_SIZE)
  keepFiltersInPageLinks(page, urlFor('network_directory.index'), query)
  const offerCounts = await publicOfferCounts(
    page
      .all()
      .filter((organisation) => organisation.type === 'venue')
      .map((organisation) => organisation.id)
  )
  return { page, groups: byPlace(page.all(), locale), offerCounts }
}

/**
 * The page's entries under their place: an area and municipality, or none
 * (a pop-up venue); the names in the page language.
 */
function byPlace(organisations: Organisation[], locale: string) {
  const groups: { area: string | null; municipality: string | null; entries: Organisation[] }[] = []
  for (const organisation of organisations) {
    const area = organisation.area?.nameIn(locale) ?? null
    const municipality = organisation.municipality?.nameIn(locale) ?? null
    const last = groups.at(-1)
    if (last && last.area === area && last.municipality === municipality) {
      last.entries.push(organisation)
    } else groups.push({ area, municipality, entries: [organisation] })
  }
  return groups
}

/** One listed organisation with its place and, for a venue, its public offer count; or 404. */
export async function directoryEntry(id: number) {
  const organisation = await listed()
    .where('organisations.id', id)
    .preload('area')
    .preload('municipality')
    .firstOrFail()
  const counts =
    organisation.type === 'venue' ? await publicOfferCounts([organisation.id]) : new Map()
  return { organisation, offerCount: counts.get(organisation.id) ?? 0 }
}
