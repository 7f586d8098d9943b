import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import {
  count,
  monthsOf,
  registry,
  statTable,
  type ColumnDefinition,
  type StatContext,
  type StatScope,
} from '#stats/services/statistic_context'

/*
| Statistics of uses, from the use summary tables. A use is a ticket or a
| place that stands (not cancelled, not a no-show), counted on the day of the
| event or visit: "uses" are places (the holder, the children with them, a
| community card's group), "registrations" the registrations that gave them.
| An area's uses are those at its venues, whichever area the card is from; a
| distributor's, those of its cards, wherever they were used.
*/

/** Limits stat_use_months to the scope: one venue, the venues of an area, or all. */
function venueSide(query: DatabaseQueryBuilderContract, scope: StatScope) {
  if (scope.organisationId) query.where('venue_organisation_id', scope.organisationId)
  else if (scope.areaId) query.where('venue_area_id', scope.areaId)
  return query
}

/** The summary of uses that fits the scope: a distributor's cards, a venue, an area's venues or all. */
function usesOf(scope: StatScope) {
  if (scope.organisationType === 'distributor') {
    return registry()
      .from('stat_card_org_uses')
      .where('card_organisation_id', scope.organisationId!)
  }
  if (scope.organisationId) return venueSide(registry().from('stat_use_months'), scope)
  const query = registry().from('stat_area_use_months')
  if (scope.areaId) query.where('venue_area_id', scope.areaId)
  return query
}

const USE_COLUMNS: ColumnDefinition[] = [
  ['places', 'count'],
  ['children', 'count'],
  ['registrations', 'count'],
]

function useSums(query: DatabaseQueryBuilderContract) {
  return query
    .sum('places as places')
    .sum('children as children')
    .sum('registrations as registrations')
}

const useCells = (row: Record<string, unknown> | null | undefined) => ({
  places: count(row?.places),
  children: count(row?.children),
  registrations: count(row?.registrations),
})

/**
 * An area's or the country's uses by year, from their own yearly table, with
 * the old register's yearly totals (summary_tables.ts); `with_totals` counts
 * the rows from totals, whose registrations are not known.
 */
function areaUseYears(scope: StatScope) {
  const query = registry()
    .from('stat_area_use_years')
    .select(registry().raw('SUM(CASE WHEN from_totals = 1 THEN 1 ELSE 0 END) AS with_totals'))
  if (scope.areaId) query.where('area_id', scope.areaId)
  return query
}

/** Yearly uses: an area's or the country's from their own yearly table, else by the scope. */
function yearlyUsesOf(scope: StatScope) {
  if (scope.organisationId) return usesOf(scope)
  return areaUseYears(scope)
}

/** Uses, for children and registrations; registrations unknown (null) where totals are counted. */
const yearCells = (row: Record<string, unknown> | null | undefined) => {
  const cells = useCells(row)
  return count(row?.with_totals) > 0 ? { ...cells, registrations: null } : cells
}

export async function usesPerYear(context: StatContext) {
  const rows = await useSums(
    yearlyUsesOf(context.scope).where('year', '<=', context.filters.year).select('year')
  )
    .groupBy('year')
    .orderBy('year')
  const withTotals = rows.some((row) => count(row.with_totals) > 0)
  return statTable(
    context,
    'uses_per_year',
    [['year', 'label'], ...USE_COLUMNS],
    rows.map((row) => ({ year: String(row.year), ...yearCells(row) })),
    { kind: 'bar', labelColumn: 'year', series: ['places', 'children'] },
    withTotals
      ? {
          definition: `${context.t('stats.uses_per_year.definition')} ${context.t('stats.history_totals.uses_per_year')}`,
        }
      : {}
  )
}

export async function usesPerMonth(context: StatContext) {
  const months = monthsOf(context.filters)
  const rows = await useSums(
    usesOf(context.scope)
      .where('year', context.filters.year)
      .whereIn('month', months)
      .select('month')
  ).groupBy('month')
  return statTable(
    context,
    'uses_per_month',
    [['month', 'label'], ...USE_COLUMNS],
    months.map((month) => ({
      month: context.t(`stats.month.${month}`),
      ...useCells(rows.find((row) => Number(row.month) === month)),
    })),
    { kind: 'line', labelColumn: 'month', series: ['places', 'children'] }
  )
}

/**
 * Totals of the period for the key figures. An area's or the country's
 * whole year comes from the yearly table, so it counts the old register's
 * yearly totals as the yearly series does; a quarter or an organisation
 * cannot have them.
 */
export async function usesInPeriod(context: StatContext) {
  const { scope, filters } = context
  if (!scope.organisationId && !filters.quarter) {
    return yearCells(await useSums(areaUseYears(scope).where('year', filters.year)).first())
  }
  const row = await useSums(
    usesOf(scope).where('year', filters.year).whereIn('month', monthsOf(filters))
  ).first()
  return useCells(row)
}

/** An area's venues: uses in the period, with the area's own cards and other areas' (cross-use). */
export async function usesPerVenue(context: StatContext) {
  const areaId = context.scope.areaId!
  const rows = await registry()
    .from('stat_use_months as s')
    .join('organisations as o', 'o.id', 's.venue_organisation_id')
    .where('s.venue_area_id', areaId)
    .where('s.year', context.filters.year)
    .whereIn('s.month', monthsOf(context.filters))
    .select('o.name')
    .sum('s.places as places')
    .sum('s.children as children')
    .select(
      registry().raw('SUM(CASE WHEN s.card_area_id = ? THEN s.places ELSE 0 END) AS own_area', [
        areaId,
      ])
    )
    .groupBy('o.id', 'o.name')
    .orderBy('places', 'desc')
    .orderBy('o.name')
  return statTable(
    context,
    'uses_per_venue',
    [
      ['venue', 'label'],
      ['places', 'count'],
      ['own_area_cards', 'count'],
      ['other_area_cards', 'count'],
      ['children', 'count'],
    ],
    rows.map((row) => ({
      venue: row.name,
      places: count(row.places),
      own_area_cards: count(row.own_area),
      other_area_cards: count(row.places) - count(row.own_area),
      children: count(row.children),
    })),
    { kind: 'bar', labelColumn: 'venue', series: ['own_area_cards', 'other_area_cards'] }
  )
}

export async function usesByGenre(context: StatContext) {
  const name = `name_${['fi', 'sv', 'en'].includes(context.locale) ? context.locale : 'fi'}`
  const rows = await venueSide(registry().from('stat_use_months as s'), context.scope)
    .join('genres as g', 'g.id', 's.genre_id')
    .where('s.year', context.filters.year)
    .whereIn('s.month', monthsOf(context.filters))
    .select(`g.${name} as genre`)
    .sum('s.places as places')
    .sum('s.registrations as registrations')
    .groupBy('g.id', `g.${name}`)
    .orderBy('places', 'desc')
  return statTable(
    context,
    'uses_by_genre',
    [
      ['genre', 'label'],
      ['places', 'count'],
      ['registrations', 'count'],
    ],
    rows.map((row) => ({
      genre: row.genre,
      places: count(row.places),
      registrations: count(row.registrations),
    })),
    { kind: 'bar', labelColumn: 'genre', series: ['places'] }
  )
}

/** Cards by how many times they were used in the year (the year's uses; a card used 11 times or more in one group). */
export async function usageFrequency(context: StatContext) {
  const query = registry().from('stat_card_frequency').where('year', context.filters.year)
  if (context.scope.organisationId)
    query.where('card_organisation_id', context.scope.organisationId)
  else if (context.scope.areaId) query.where('card_area_id', context.scope.areaId)
  const rows = await query.select('uses').sum('cards as cards').groupBy('uses')
  const cardsUsed = (from: number, to: number) =>
    rows
      .filter((row) => Number(row.uses) >= from && Number(row.uses) <= to)
      .reduce((sum, row) => sum + count(row.cards), 0)
  const groups: [string, number, number][] = [
    ['1', 1, 1],
    ['2', 2, 2],
    ['3', 3, 3],
    ['4', 4, 4],
    ['5', 5, 5],
    ['6–10', 6, 10],
    [context.t('stats.value.frequency.more'), 11, 11],
  ]
  return statTable(
    context,
    'usage_frequency',
    [
      ['times_used', 'label'],
      ['cards', 'count'],
    ],
    groups.map(([label, from, to]) => ({ times_used: label, cards: cardsUsed(from, to) })),
    { kind: 'bar', labelColumn: 'times_used', series: ['cards'] }
  )
}
