import { actors } from '#stats/services/actors'
import {
  cardsByBackground,
  cardsByGenderAndAge,
  usesByBackground,
} from '#stats/services/background_statistics'
import {
  cardsInPeriod,
  cardsPerDistributor,
  cardsPerMonth,
  cardsPerYear,
  validityNow,
} from '#stats/services/card_statistics'
import { areaComparison, distributorComparison, venueComparison } from '#stats/services/comparisons'
import { crossUse } from '#stats/services/cross_use'
import { usesByAreaAndQuarter, whereCardsAreUsed } from '#stats/services/distributor_statistics'
import { publicTotals } from '#stats/services/public_totals'
import type { StatTable } from '#stats/services/stat_table'
import {
  registry,
  type StatContext,
  type StatFilters,
  type StatScope,
  type Translate,
} from '#stats/services/statistic_context'
import {
  usageFrequency,
  usesByGenre,
  usesInPeriod,
  usesPerMonth,
  usesPerVenue,
  usesPerYear,
} from '#stats/services/use_statistics'
import { usesPerEvent, visitorsByArea } from '#stats/services/venue_statistics'

/*
| The dashboards: for each kind (an area or the country, a distributor, a
| venue) its sections and the statistics each shows. A section is one page
| (and one A4 page of the printed report).
*/
type Statistic = { key: string; build: (context: StatContext) => Promise<StatTable> }

const statistic = (key: string, build: Statistic['build']): Statistic => ({ key, build })
const cardsBy = (dimension: 'age' | 'gender' | 'mother_tongue' | 'life_situation') =>
  statistic(`cards_by_${dimension}`, (context) => cardsByBackground(context, dimension))
const usesBy = (dimension: 'gender' | 'mother_tongue' | 'life_situation') =>
  statistic(`uses_by_${dimension}`, (context) => usesByBackground(context, dimension))

export type KeyFigure = { key: string; value: number | null; kind: 'count' | 'percent' }

type Sections = Record<string, (scope: StatScope) => Statistic[]>

const AREA_SECTIONS: Sections = {
  overview: () => [
    statistic('actors', actors),
    statistic('cards_per_year', cardsPerYear),
    statistic('validity_now', validityNow),
    statistic('uses_per_year', usesPerYear),
  ],
  cards: (scope) => [
    statistic('cards_per_month', cardsPerMonth),
    ...(scope.areaId ? [statistic('cards_per_distributor', cardsPerDistributor)] : []),
    statistic('usage_frequency', usageFrequency),
  ],
  uses: (scope) => [
    statistic('uses_per_month', usesPerMonth),
    ...(scope.areaId ? [statistic('uses_per_venue', usesPerVenue)] : []),
    statistic('uses_by_genre', usesByGenre),
    statistic(scope.areaId ? 'cross_use_area' : 'cross_use_matrix', crossUse),
  ],
  background: () => [
    cardsBy('age'),
    cardsBy('gender'),
    cardsBy('mother_tongue'),
    cardsBy('life_situation'),
    statistic('cards_by_gender_age', cardsByGenderAndAge),
    usesBy('gender'),
    usesBy('mother_tongue'),
    usesBy('life_situation'),
  ],
  comparison: () => [statistic('area_comparison', areaComparison)],
}

const DISTRIBUTOR_SECTIONS: Sections = {
  overview: () => [
    statistic('cards_per_year', cardsPerYear),
    statistic('validity_now', validityNow),
    statistic('uses_per_year', usesPerYear),
  ],
  cards: () => [
    statistic('cards_per_month', cardsPerMonth),
    statistic('cards_by_gender_age', cardsByGenderAndAge),
    statistic('usage_frequency', usageFrequency),
  ],
  uses: () => [
    statistic('uses_by_area_quarter', usesByAreaAndQuarter),
    statistic('where_used', whereCardsAreUsed),
  ],
  comparison: () => [statistic('distributor_comparison', distributorComparison)],
}

const VENUE_SECTIONS: Sections = {
  overview: () => [
    statistic('uses_per_year', usesPerYear),
    statistic('uses_per_month', usesPerMonth),
  ],
  events: () => [statistic('uses_per_event', usesPerEvent)],
  visitors: () => [
    statistic('visitors_by_area', visitorsByArea),
    statistic('uses_by_genre', usesByGenre),
  ],
  comparison: () => [statistic('venue_comparison', venueComparison)],
}

export const SECTIONS = {
  area: AREA_SECTIONS,
  distributor: DISTRIBUTOR_SECTIONS,
  venue: VENUE_SECTIONS,
}

export type DashboardKind = keyof typeof SECTIONS

export function sectionsOf(kind: DashboardKind) {
  return Object.keys(SECTIONS[kind])
}

/*
| The old register's yearly totals (imported, by area and year) are counted
| only where a statistic is an area's or the country's whole year: the
| yearly series and the key figures of a whole year. Every other statistic
| splits the numbers in a way the totals cannot be split (months, quarters,
| organisations, venues, genres, background data) and leaves them out; once
| there are totals, its definition says so.
*/
const COUNTS_TOTALS = new Set(['cards_per_year', 'uses_per_year'])

/** Whether the yearly summaries hold totals of the old register (of one area, one year). */
async function hasHistoryTotals(areaId: number | null = null, year: number | null = null) {
  const query = registry().from('stat_area_card_years').where('from_totals', 1)
  if (areaId) query.where('area_id', areaId)
  if (year) query.where('year', year)
  return Boolean(await query.first())
}

/** The tables with the note on the old register's totals where they leave them out. */
async function notingTotals(context: StatContext, tables: StatTable[]) {
  if (!(await hasHistoryTotals())) return tables
  const note = context.t('stats.history_totals.left_out')
  return tables.map((table) =>
    !context.scope.organisationId && COUNTS_TOTALS.has(table.key)
      ? table
      : { ...table, definition: `${table.definition} ${note}` }
  )
}

/** The key figures above every section: the period's cards and uses. */
async function keyFigures(context: StatContext): Promise<KeyFigure[]> {
  const uses = await usesInPeriod(context)
  const figures: KeyFigure[] = [
    { key: 'places', value: uses.places, kind: 'count' },
    { key: 'children', value: uses.children, kind: 'count' },
  ]
  if (context.scope.organisationType === 'venue') return figures
  const cards = await cardsInPeriod(context)
  return [
    { key: 'registered', value: cards.registered, kind: 'count' },
    { key: 'used', value: cards.used, kind: 'count' },
    { key: 'usage_rate', value: cards.usageRate, kind: 'percent' },
    ...figures,
  ]
}

export type Dashboard = {
  figures: KeyFigure[]
  /** The quarter's figures leave out the old register's yearly totals that the year has. */
  figuresLeaveOutTotals: boolean
  tables: StatTable[]
}

/** Whether the key figures leave out totals the chosen year has: an area's or the country's quarter. */
function figuresLeaveOutTotals(context: StatContext) {
  const { scope, filters } = context
  if (scope.organisationId || !filters.quarter) return Promise.resolve(false)
  return hasHistoryTotals(scope.areaId, filters.year)
}

/** The statistics of one section of a dashboard. */
async function sectionTables(kind: DashboardKind, section: string, context: StatContext) {
  const tables = await Promise.all(
    SECTIONS[kind][section](context.scope).map(({ build }) => build(context))
  )
  return notingTotals(context, tables)
}

/** One section of a dashboard: its key figures and its statistics. */
export async function dashboardSection(
  kind: DashboardKind,
  section: string,
  context: StatContext
): Promise<Dashboard> {
  const [figures, leavesOut, tables] = await Promise.all([
    keyFigures(context),
    figuresLeaveOutTotals(context),
    sectionTables(kind, section, context),
  ])
  return { figures, figuresLeaveOutTotals: leavesOut, tables }
}

/** One statistic of a dashboard by its key (for the exports), or null. */
export async function dashboardTable(kind: DashboardKind, key: string, context: StatContext) {
  const found = sectionsOf(kind)
    .flatMap((section) => SECTIONS[kind][section](context.scope))
    .find((candidate) => candidate.key === key)
  if (!found) return null
  const [table] = await notingTotals(context, [await found.build(context)])
  return table
}

/** The key figures once and every section of an area's (or the country's) dashboard, for the printable report. */
export async function areaReport(context: StatContext) {
  const [figures, leavesOut, sections] = await Promise.all([
    keyFigures(context),
    figuresLeaveOutTotals(context),
    Promise.all(
      sectionsOf('area').map(async (section) => ({
        section,
        tables: await sectionTables('area', section, context),
      }))
    ),
  ])
  return { figures, figuresLeaveOutTotals: leavesOut, sections }
}

const KEYS: Translate = (key) => key

/**
 * A dashboard's numbers without the words (bench/stats times the SQL this
 * runs: `node ace stats:sql`).
 */
export async function dashboardData(
  kind: DashboardKind | 'public' | 'report',
  scope: Omit<StatScope, 'organisationType'>,
  filters: StatFilters
) {
  if (kind === 'public') return publicTotals()
  const context: StatContext = {
    scope: {
      ...scope,
      organisationType: kind === 'distributor' || kind === 'venue' ? kind : null,
    },
    filters,
    t: KEYS,
    locale: 'fi',
  }
  if (kind === 'report') return areaReport(context)
  return Promise.all(sectionsOf(kind).map((section) => dashboardSection(kind, section, context)))
}
