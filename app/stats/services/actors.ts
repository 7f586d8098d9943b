import {
  count,
  monthsOf,
  registry,
  statTable,
  type StatContext,
} from '#stats/services/statistic_context'

/*
| The actors of an area (or the country): organisations by kind, and how many
| of them took part in the period (a distributor that registered cards, a
| venue where cards were used).
*/
const KINDS = ['distributor', 'venue', 'ticket_agent', 'partner'] as const

export async function actors(context: StatContext) {
  const { areaId } = context.scope
  const months = monthsOf(context.filters)
  const organisations = registry().from('organisations').where('active', true)
  if (areaId) organisations.where('area_id', areaId)
  const distributors = registry()
    .from('stat_card_months')
    .where('year', context.filters.year)
    .whereIn('month', months)
    .where('registered', '>', 0)
  if (areaId) distributors.where('area_id', areaId)
  const venues = registry()
    .from('stat_use_months')
    .where('year', context.filters.year)
    .whereIn('month', months)
  if (areaId) venues.where('venue_area_id', areaId)
  const [byType, distributing, visited] = await Promise.all([
    organisations.select('type').count('* as total').groupBy('type'),
    distributors.countDistinct('organisation_id as total').first(),
    venues.countDistinct('venue_organisation_id as total').first(),
  ])
  const active: Partial<Record<(typeof KINDS)[number], number>> = {
    distributor: count(distributing?.total),
    venue: count(visited?.total),
  }
  return statTable(
    context,
    'actors',
    [
      ['kind', 'label'],
      ['organisations', 'count'],
      ['took_part', 'count'],
    ],
    KINDS.map((kind) => ({
      kind: context.t(`stats.value.organisation_type.${kind}`),
      organisations: count(byType.find((row) => row.type === kind)?.total),
      took_part: active[kind] ?? null,
    })),
    { kind: 'bar', labelColumn: 'kind', series: ['organisations', 'took_part'] }
  )
}
