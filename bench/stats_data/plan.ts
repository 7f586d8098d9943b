import type { OfferType } from '#offers/models/offer'
import type { VenueCategory } from '#registry/services/directory'
import type { Calendar } from './calendar.js'
import type { Literal } from './bulk_loader.js'
import type { Weighted } from './random.js'
import type { Schedule } from './venues.js'

/*
| What a run knows: its settings and clock, and the plan of the data set it
| holds in memory while it writes the rows.
*/

/** Everything the data set adds is recognisable by these (and removed by --clean). */
export const NAME_PREFIX = 'Bench '
export const EMAIL_DOMAIN = '@kaikukanta.test'
export const BENCH_PASSWORD = 'kaikukortti-bench'
/** Card codes of the data set: "ZZ", six characters counting up, and the check character. */
export const CODE_PREFIX = 'ZZ'

/** A run's settings, its calendar and its days (see calendar.ts). */
export type Run = {
  seed: number
  cards: number
  uses: number
  mysql: boolean
  sql: Literal
  calendar: Calendar
  today: number
  /** Seconds since the epoch when the run started. */
  now: number
  /** The first day of the first year. */
  spanStart: number
  /** The last day a use can be on (two months ahead). */
  lastUseDay: number
  log: (line: string) => void
}

export type AreaPlan = {
  index: number
  id: number
  name: string
  status: string
  pilotEndsOn: number | null
  weight: number
  municipalities: MunicipalityPlan[]
  distributors: OrganisationPlan[]
  venues: OrganisationPlan[]
  venueChoice: Weighted<OrganisationPlan> | null
  agent: OrganisationPlan | null
  swedishShare: number
  foreignShare: number
}

export type MunicipalityPlan = {
  id: number
  name: string
  area: AreaPlan
  population: number
  startDay: number
}

export type OrganisationPlan = {
  index: number
  id: number
  name: string
  type: 'distributor' | 'venue' | 'ticket_agent'
  area: AreaPlan
  municipality: MunicipalityPlan
  category: VenueCategory | null
  joinDay: number
  weight: number
  offers: OfferPlan[]
  offerChoice: Weighted<OfferPlan> | null
}

export type OfferPlan = {
  id: number
  venue: OrganisationPlan
  type: OfferType
  genreId: number
  title: string
  schedule: Schedule | null
  /** Days of the shows, in order; empty for open offers. */
  days: Int32Array
  /** Index of the first show in the run's list of shows (ids follow it). */
  firstShow: number
  capacity: number
  cardCap: number | null
  childrenAllowed: boolean
  availableFrom: number
}

export type Counts = Record<string, number>

/** What the use generator needs to know of each card, by the card's number in the run. */
export type CardPlan = {
  issued: Int32Array
  /** The last day the card can be used (validity, end, at most two months ahead). */
  lastDay: Int32Array
  area: Uint8Array
  children: Uint8Array
  community: Uint8Array
  /** How much the holder uses the card (0: never); turned into a number of uses. */
  intensity: Float32Array
  uses: Uint32Array
  codeOf: (index: number) => string
  counts: Counts
  byYear: Map<number, number>
  byDistributor: Int32Array
}

/** Card places taken on each show of the run, and each show's places. */
export type ShowPlaces = { firstId: number; places: Int32Array; capacities: Int32Array }

export type UseResult = {
  inserted: number
  planned: number
  dropped: number
  byYear: Map<number, number>
  byVenue: Map<OrganisationPlan, number>
  crossArea: number
  byStatus: Record<string, number>
}
