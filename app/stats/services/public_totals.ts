import { count, registry } from '#stats/services/statistic_context'

/*
| The national page without sign-in: totals since the start, per year and per
| area, from the summaries (no background data, nothing about one card).
*/
export async function publicTotals() {
  const [cards, uses, organisations, areas, cardYears, useYears, cardAreas, useAreas] =
    await Promise.all([
      registry().from('stat_card_months').sum('registered as total').first(),
      registry()
        .from('stat_use_months')
        .sum('places as places')
        .sum('children as children')
        .first(),
      registry()
        .from('organisations')
        .where('active', true)
        .whereIn('type', ['distributor', 'venue'])
        .select('type')
        .count('* as total')
        .groupBy('type'),
      registry().from('areas').whereIn('status', ['in_use', 'pilot']).count('* as total').first(),
      registry().from('stat_card_months').select('year').sum('registered as total').groupBy('year'),
      registry()
        .from('stat_use_months')
        .select('year')
        .sum('places as places')
        .sum('children as children')
        .groupBy('year'),
      registry()
        .from('stat_card_months')
        .select('area_id')
        .sum('registered as total')
        .groupBy('area_id'),
      registry()
        .from('stat_use_months')
        .select('venue_area_id')
        .sum('places as places')
        .groupBy('venue_area_id'),
    ])
  const areaList = await registry()
    .from('areas')
    .whereIn('status', ['in_use', 'pilot'])
    .select('id', 'name')
    .orderBy('name')
  const years = [...new Set([...cardYears, ...useYears].map((row) => Number(row.year)))].sort(
    (a, b) => a - b
  )
  return {
    cards: count(cards?.total),
    uses: count(uses?.places),
    children: count(uses?.children),
    areas: count(areas?.total),
    distributors: count(organisations.find((row) => row.type === 'distributor')?.total),
    venues: count(organisations.find((row) => row.type === 'venue')?.total),
    perYear: years.map((year) => {
      const useRow = useYears.find((row) => Number(row.year) === year)
      return {
        year,
        cards: count(cardYears.find((row) => Number(row.year) === year)?.total),
        uses: count(useRow?.places),
        children: count(useRow?.children),
      }
    }),
    perArea: areaList.map((area) => ({
      name: area.name as string,
      cards: count(cardAreas.find((row) => row.area_id === area.id)?.total),
      uses: count(useAreas.find((row) => row.venue_area_id === area.id)?.places),
    })),
  }
}
