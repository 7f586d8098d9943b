import { isoDateFromRow } from '#core/services/time'
import { count, registry } from '#stats/services/statistic_context'
import { organisationsInNetwork } from '#registry/services/organisation_standing'
import { placeName } from '#registry/services/directory'

/*
| The national page without sign-in: totals since the start, per year and per
| area, from the summaries (no background data, nothing about one card). The
| yearly summaries hold the old register's yearly totals beside the counted
| rows (summary_tables.ts), so the page counts them as it counts the rest;
| `totalsUpTo` is the last day the latest of them covers (null with none).
*/
export async function publicTotals(locale = 'fi') {
  const [cardRows, useRows, organisations, areas, history] = await Promise.all([
    registry().from('stat_area_card_years').select('area_id', 'year', 'registered'),
    registry().from('stat_area_use_years').select('area_id', 'year', 'places', 'children'),
    registry()
      .from('organisations')
      // In the network today: approved, in use and not past their last day.
      .whereIn('id', organisationsInNetwork())
      .whereIn('type', ['distributor', 'venue'])
      .select('type')
      .count('* as total')
      .groupBy('type'),
    registry()
      .from('areas')
      .whereIn('status', ['in_use', 'pilot'])
      .select('id', 'name', 'name_sv')
      .orderBy('name'),
    registry().from('stat_history_totals').max('up_to as up_to').first(),
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
    totalsUpTo: isoDateFromRow(history?.up_to),
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
      name: placeName(area, locale),
      cards: sum(
        cardRows.filter((row) => row.area_id === area.id),
        (row) => row.registered
      ),
      uses: sum(
        useRows.filter((row) => row.area_id === area.id),
        (row) => row.places
      ),
    })),
    // Uses at pop-up venues outside every area: not an area's, but counted in the totals.
    outsideAreasUses: sum(
      useRows.filter((row) => row.area_id === null),
      (row) => row.places
    ),
  }
}
