import { today } from '#core/services/time'
import { registry } from '#stats/services/statistic_context'

/**
 * The years the statistics can be asked for: from the first card or use (or
 * the old register's yearly totals, which the yearly tables hold too) to
 * this year, newest first.
 */
export async function statisticsYears() {
  const [cards, uses] = await Promise.all([
    registry().from('stat_area_card_years').min('year as first').first(),
    registry().from('stat_area_use_years').min('year as first').first(),
  ])
  const current = today().year
  const firsts = [cards?.first, uses?.first].filter((year) => year !== null && year !== undefined)
  const first = Math.min(current, ...firsts.map(Number))
  return Array.from({ length: current - first + 1 }, (_, index) => current - index)
}
