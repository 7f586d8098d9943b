import { areaChoices } from '#registry/services/directory'
import {
  count,
  monthsOf,
  registry,
  statTable,
  type StatContext,
} from '#stats/services/statistic_context'

/*
| Cross-use: a card of one area used at a venue of another. For an area, each
| other area with the uses of this area's cards there and of that area's
| cards here; for the whole country, the matrix of card's area × venue's area.
*/

async function pairs(context: StatContext) {
  return registry()
    .from('stat_area_use_months')
    .where('year', context.filters.year)
    .whereIn('month', monthsOf(context.filters))
    .select('card_area_id', 'venue_area_id')
    .sum('places as places')
    .groupBy('card_area_id', 'venue_area_id')
}

export async function crossUse(context: StatContext) {
  const [rows, areas] = await Promise.all([pairs(context), areaChoices(context.locale)])
  const places = (cardArea: number | null, venueArea: number | null) =>
    count(
      rows.find(
        (row) =>
          (row.card_area_id ?? null) === cardArea && (row.venue_area_id ?? null) === venueArea
      )?.places
    )
  const own = context.scope.areaId
  if (own) {
    return statTable(
      context,
      'cross_use_area',
      [
        ['area', 'label'],
        ['our_cards_there', 'count'],
        ['their_cards_here', 'count'],
      ],
      areas
        .filter((area) => area.id !== own)
        .map((area) => ({
          area: area.name,
          our_cards_there: places(own, area.id),
          their_cards_here: places(area.id, own),
        }))
        .filter((row) => row.our_cards_there || row.their_cards_here),
      { kind: 'bar', labelColumn: 'area', series: ['our_cards_there', 'their_cards_here'] }
    )
  }
  const used = areas.filter((area) => rows.some((row) => row.venue_area_id === area.id))
  // Uses at pop-up venues outside every area: a column of their own.
  const outsideAreas = rows.some((row) => row.venue_area_id === null && count(row.places))
  const table = statTable(
    context,
    'cross_use_matrix',
    [['card_area', 'label']],
    areas
      .filter((area) => rows.some((row) => row.card_area_id === area.id))
      .map((cardArea) => ({
        card_area: cardArea.name,
        ...Object.fromEntries(
          used.map((venueArea) => [`area_${venueArea.id}`, places(cardArea.id, venueArea.id)])
        ),
        ...(outsideAreas ? { outside_areas: places(cardArea.id, null) } : {}),
      })),
    null
  )
  table.columns.push(
    ...used.map((area) => ({ key: `area_${area.id}`, kind: 'count' as const, label: area.name }))
  )
  if (outsideAreas) {
    table.columns.push({
      key: 'outside_areas',
      kind: 'count' as const,
      label: context.t('stats.value.outside_areas'),
    })
  }
  return table
}
