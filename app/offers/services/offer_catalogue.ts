import { DateTime } from 'luxon'
import Offer, { TYPES_WITH_OCCURRENCES } from '#offers/models/offer'
import Genre from '#offers/models/genre'
import VenueRule from '#offers/models/venue_rule'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { keepFiltersInPageLinks } from '#core/services/pagination'
import { today, toSqlDateTime } from '#core/services/time'
import { municipalityIdsOfArea } from '#registry/services/directory'
import { organisationsInNetwork } from '#registry/services/organisation_standing'

export const PAGE_SIZE = 20

export type OfferFilters = {
  genre?: number
  area?: number
  municipality?: number
  /** One venue's offers (the network directory links to them). */
  venue?: number
  from?: Date
  to?: Date
  page?: number
}

/**
 * Published offers for everyone, without sign-in: those with an occurrence
 * still to come (in the date range, if one is given) and open offers whose
 * period has not ended.
 */
export async function publishedOffers(
  filters: OfferFilters,
  query: Record<string, unknown>,
  listPath: string
) {
  const from = filters.from ? DateTime.fromJSDate(filters.from) : DateTime.now()
  const to = filters.to ? DateTime.fromJSDate(filters.to).endOf('day') : null
  const fromDate = (filters.from ? DateTime.fromJSDate(filters.from) : today()).toISODate()!

  const offers = onPublicList(Offer.query(), from, to, fromDate)
    .preload('genre', (genre) => genre.preload('parent'))
    .preload('occurrences', (occurrence) => {
      occurrence.where('starts_at', '>=', toSqlDateTime(from)).orderBy('starts_at')
      if (to) occurrence.where('starts_at', '<=', toSqlDateTime(to))
    })
    .orderBy('title')
    .orderBy('id')

  if (filters.genre) {
    offers.where((genre) =>
      genre
        .where('genre_id', filters.genre!)
        .orWhereIn('genre_id', Genre.query().select('id').where('parent_id', filters.genre!))
    )
  }
  if (filters.municipality) offers.where('municipality_id', filters.municipality)
  if (filters.venue) offers.where('organisation_id', filters.venue)
  if (filters.area) offers.whereIn('municipality_id', await municipalityIdsOfArea(filters.area))

  const page = await offers.paginate(filters.page ?? 1, PAGE_SIZE)
  keepFiltersInPageLinks(page, listPath, query)
  return page
}

type OfferQuery = ModelQueryBuilderContract<typeof Offer>

/**
 * What the public list holds: published offers of organisations in the
 * network, with an occurrence from `from` (to `to`), or open offers whose
 * period has not ended by `fromDate` (and has begun by `to`).
 */
function onPublicList<Query extends OfferQuery>(
  query: Query,
  from: DateTime,
  to: DateTime | null,
  fromDate: string
): Query {
  return query
    .where('published', true)
    .whereIn('organisation_id', organisationsInNetwork())
    .where((current) => {
      current
        .where((dated) => {
          dated
            .whereIn('type', TYPES_WITH_OCCURRENCES as string[])
            .whereHas('occurrences', (occurrence) => {
              occurrence.where('starts_at', '>=', toSqlDateTime(from))
              if (to) occurrence.where('starts_at', '<=', toSqlDateTime(to))
            })
        })
        .orWhere((open) => {
          open
            .whereNotIn('type', TYPES_WITH_OCCURRENCES as string[])
            .where((period) =>
              period.whereNull('available_until').orWhere('available_until', '>=', fromDate)
            )
          if (to) {
            open.where((period) =>
              period.whereNull('available_from').orWhere('available_from', '<=', to.toISODate()!)
            )
          }
        })
    })
}

/** The number of offers on the public list today, per venue: the network directory shows it. */
export async function publishedOfferCounts(venueIds: number[]) {
  const rows = await onPublicList(Offer.query(), DateTime.now(), null, today().toISODate()!)
    .whereIn('organisation_id', venueIds)
    .groupBy('organisation_id')
    .select('organisation_id')
    .count('* as total')
  return new Map(rows.map((row) => [row.organisationId, Number(row.$extras.total)]))
}

/** A published offer with its coming occurrences, or 404. */
export async function publishedOffer(id: number) {
  return Offer.query()
    .where('id', id)
    .where('published', true)
    .whereIn('organisation_id', organisationsInNetwork())
    .preload('genre', (genre) => genre.preload('parent'))
    .preload('occurrences', (occurrence) =>
      occurrence.where('starts_at', '>=', toSqlDateTime(DateTime.now())).orderBy('starts_at')
    )
    .firstOrFail()
}

/** Genres as a tree, in their order, for selects and the admin list. */
export async function genreTree(includeInactive = false) {
  const query = Genre.query()
    .whereNull('parent_id')
    .orderBy('position')
    .orderBy('id')
    .preload('children', (children) => {
      children.orderBy('position').orderBy('id')
      if (!includeInactive) children.where('active', true)
    })
  if (!includeInactive) query.where('active', true)
  return query
}

export type Restriction = { key: string; params?: Record<string, unknown> }

/**
 * The offer's restrictions in the order a cardholder needs them, as
 * translation keys (offers.restriction.*) with their numbers.
 */
export function restrictionsOf(offer: Offer, venueRule: VenueRule | null): Restriction[] {
  const list: Restriction[] = []
  list.push({ key: offer.childrenAllowed ? 'children_allowed' : 'children_not_allowed' })
  if (offer.guestProduction) list.push({ key: 'guest_production' })
  if (offer.oncePerCard) list.push({ key: 'once_per_card' })
  if (venueRule?.maxOpenBookings) {
    list.push({ key: 'max_open_bookings', params: { max: venueRule.maxOpenBookings } })
  }
  if (offer.weekendsExcluded) list.push({ key: 'weekends_excluded' })
  if (offer.bookingOpensDays !== null) {
    list.push({ key: 'booking_opens', params: { days: offer.bookingOpensDays } })
  }
  if (offer.yearlyVisits !== null)
    list.push({ key: 'yearly_visits', params: { visits: offer.yearlyVisits } })
  if (offer.yearlyEuroCap !== null) {
    list.push({ key: 'yearly_euro_cap', params: { euros: offer.yearlyEuroCap } })
  }
  return list
}

/** A venue's rules across its offers; inside a transaction, read with its client. */
export async function venueRuleOf(venueId: number, client?: TransactionClientContract) {
  return VenueRule.query({ client }).where('organisation_id', venueId).first()
}

/** Each offer's restrictions, for a list of offers (one query for the venues' rules). */
export async function restrictionsOfEach(offers: Offer[]) {
  const venueIds = [...new Set(offers.map((offer) => offer.organisationId))]
  const rules = venueIds.length ? await VenueRule.query().whereIn('organisation_id', venueIds) : []
  const ruleOf = new Map(rules.map((rule) => [rule.organisationId, rule]))
  return new Map(
    offers.map((offer) => [
      offer.id,
      restrictionsOf(offer, ruleOf.get(offer.organisationId) ?? null),
    ])
  )
}

/** A published offer's title, for links from elsewhere (bulletin posts); null if not published. */
export async function publishedOfferTitle(id: number) {
  const offer = await Offer.query()
    .select('id', 'title')
    .where('id', id)
    .where('published', true)
    .first()
  return offer?.title ?? null
}

/** A venue's published offers, for choosing one to link to. */
export async function publishedOffersOf(venueId: number) {
  const offers = await Offer.query()
    .select('id', 'title')
    .where('organisation_id', venueId)
    .where('published', true)
    .orderBy('title')
  return offers.map((offer) => ({ id: offer.id, title: offer.title }))
}

/**
 * The municipalities where published offers are, of one venue or of every
 * venue in the network: the public list's filter names a pop-up venue's
 * municipality outside the areas, and its messages reach the people there.
 */
export async function offerMunicipalityIds(venueId?: number): Promise<number[]> {
  const query = Offer.query()
    .where('published', true)
    .whereIn('organisation_id', organisationsInNetwork())
    .distinct('municipality_id')
  if (venueId !== undefined) query.where('organisation_id', venueId)
  const rows = await query
  return rows.map((row) => row.municipalityId)
}
