import { placeName } from '#registry/services/directory'
import { count, registry, statTable, type StatContext } from '#stats/services/statistic_context'

/*
| Where a distributor's cards are used: by the venue's area and quarter, and
| by venue. From the summaries of the distributor's cards' uses.
*/

export async function usesByAreaAndQuarter(context: StatContext) {
  const rows = await registry()
    .from('stat_card_org_uses as s')
    .leftJoin('areas as a', 'a.id', 's.venue_area_id')
    .where('s.card_organisation_id', context.scope.organisationId!)
    .where('s.year', context.filters.year)
    .select('a.name', 'a.name_sv')
    .select(
      ...[1, 2, 3, 4].map((quarter) =>
        registry().raw(
          `SUM(CASE WHEN s.month BETWEEN ${quarter * 3 - 2} AND ${quarter * 3} THEN s.places ELSE 0 END) AS q${quarter}`
        )
      )
    )
    .sum('s.places as places')
    .groupBy('s.venue_area_id', 'a.name', 'a.name_sv')
    .orderBy('places', 'desc')
  return statTable(
    context,
    'uses_by_area_quarter',
    [
      ['area', 'label'],
      ['q1', 'count'],
      ['q2', 'count'],
      ['q3', 'count'],
      ['q4', 'count'],
      ['places', 'count'],
    ],
    rows.map((row) => ({
      area: row.name ? placeName(row, context.locale) : context.t('stats.value.no_area'),
      q1: count(row.q1),
      q2: count(row.q2),
      q3: count(row.q3),
      q4: count(row.q4),
      places: count(row.places),
    })),
    { kind: 'bar', labelColumn: 'area', series: ['q1', 'q2', 'q3', 'q4'] }
  )
}

export async function whereCardsAreUsed(context: StatContext) {
  const rows = await registry()
    .from('stat_card_org_venues as s')
    .join('organisations as o', 'o.id', 's.venue_organisation_id')
    .leftJoin('areas as a', 'a.id', 'o.area_id')
    .where('s.card_organisation_id', context.scope.organisationId!)
    .where('s.year', context.filters.year)
    .select('o.name as venue', 'a.name as area', 'a.name_sv as area_sv')
    .sum('s.places as places')
    .sum('s.registrations as registrations')
    .groupBy('o.id', 'o.name', 'a.name', 'a.name_sv')
    .orderBy('places', 'desc')
    .orderBy('o.name')
  return statTable(
    context,
    'where_used',
    [
      ['venue', 'label'],
      ['area', 'label'],
      ['places', 'count'],
      ['registrations', 'count'],
    ],
    rows.map((row) => ({
      venue: row.venue,
      area: row.area
        ? placeName({ name: row.area, name_sv: row.area_sv }, context.locale)
        : context.t('stats.value.no_area'),
      places: count(row.places),
      registrations: count(row.registrations),
    })),
    { kind: 'bar', labelColumn: 'venue', series: ['places'] }
  )
}
