import { count, registry } from '#stats/services/statistic_context'

/*
| The national page without sign-in: totals since the start, per year and per
| area, from the summaries (no background data, nothing about one card).
*/
export async function publicTotals() {
  const [cardRows, useRows, organisations, areas] = await Promise.all([
    registry().from('stat_area_card_years').select('area_id', 'year', 'registered'),
    registry().from('stat_area_use_years').select('area_id', 'year', 'places', 'children'),
    registry()
      .from('organisations')
      .where('active', true)
      .whereIn('type', ['distributor', 'venue'])
      .select('type')
      .count('* as total')
      .groupBy('type'),
    registry()
      .from('areas')
      .whereIn('status', ['in_use', 'pilot'])
      .select('id', 'name')
      .orderBy('name'),
  ])
  const sum = <Row>(rows: Row[], value: (row: Row) => unknown) =>
    rows.reduce((total, row) => total + count(value(row)), 0)
  const years = [...new Set([...cardRows, ...useRows].map((row) => Number(row.year)))].sort(
    (a, b) => a - b
  )
  return {
    cards: sum(cardRows, (row) => row.registered),
    uses: sum(useRows, (row) => row.places),
    children: sum(useRows, (row) => row.children),
    areas: areas.length,
    distributors: count(organisations.find((row) => row.type === 'distributor')?.total),
    venues: count(organisations.find((row) => row.type === 'venue')?.total),
    perYear: years.map((year) => {
      const ofYear = useRows.filter((row) => Number(row.year) === year)
      return {
        year,
        cards: sum(
          cardRows.filter((row) => Number(row.year) === year),
          (row) => row.registered
        ),
        uses: sum(ofYear, (row) => row.places),
        children: sum(ofYear, (row) => row.children),
      }
    }),
    perArea: areas.map((area) => ({
      name: area.name as string,
      cards: sum(
        cardRows.filter((row) => row.area_id === area.id),
        (row) => row.registered
      ),
      uses: sum(
        useRows.filter((row) => row.area_id === area.id),
        (row) => row.places
      ),
    })),
  }
}
