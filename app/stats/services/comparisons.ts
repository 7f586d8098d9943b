import { placeName } from '#registry/services/directory'
import {
  count,
  monthsOf,
  rateOf,
  registry,
  statTable,
  type StatContext,
} from '#stats/services/statistic_context'

/*
| Comparisons, aggregates only: each area with the others; a distributor
| with the distributors of its area, of its category (outreach youth work,
| NGO …) and of the country; a venue with venues of its kind. A group of fewer than MIN_PEERS other organisations is not
| shown: its average would come close to one named organisation's numbers.
| No one but a distributor sees its own usage rate beside the groups.
*/
export const MIN_PEERS = 3

/** Areas in the period: cards registered, usage rate, uses at their venues. */
export async function areaComparison(context: StatContext) {
  const months = monthsOf(context.filters)
  const [areas, cards, uses] = await Promise.all([
    registry()
      .from('areas')
      .whereIn('status', ['in_use', 'pilot'])
      .select('id', 'name', 'name_sv')
      .orderBy('name'),
    registry()
      .from('stat_card_months')
      .where('year', context.filters.year)
      .whereIn('month', months)
      .select('area_id')
      .sum('registered as registered')
      .sum('used as used')
      .groupBy('area_id'),
    registry()
      .from('stat_area_use_months')
      .where('year', context.filters.year)
      .whereIn('month', months)
      .select('venue_area_id')
      .sum('places as places')
      .groupBy('venue_area_id'),
  ])
  return statTable(
    context,
    'area_comparison',
    [
      ['area', 'label'],
      ['registered', 'count'],
      ['usage_rate', 'percent'],
      ['places', 'count'],
    ],
    [
      ...areas.map((area) => {
        const cardRow = cards.find((row) => row.area_id === area.id)
        const useRow = uses.find((row) => row.venue_area_id === area.id)
        return {
          area:
            area.id === context.scope.areaId
              ? context.t('stats.value.own_area', { name: placeName(area, context.locale) })
              : placeName(area, context.locale),
          registered: count(cardRow?.registered),
          usage_rate: rateOf(count(cardRow?.used), count(cardRow?.registered)),
          places: count(useRow?.places),
        }
      }),
      // The country's view: uses at pop-up venues outside every area, as a row of their own.
      ...(context.scope.areaId ? [] : outsideAreas(context, uses)),
    ],
    { kind: 'bar', labelColumn: 'area', series: ['registered', 'places'] }
  )
}

/** The row of uses at venues outside every area, when there are any. */
function outsideAreas(
  context: StatContext,
  uses: { venue_area_id: number | null; places: unknown }[]
) {
  const places = count(uses.find((row) => row.venue_area_id === null)?.places)
  if (!places) return []
  return [{ area: context.t('stats.value.outside_areas'), registered: 0, usage_rate: null, places }]
}

type Peer = { id: number; registered: number; used: number }

function median(values: number[]) {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * A distributor beside the distributors of its area, of its category in the
 * whole country, and of the country (this year's cards).
 */
export async function distributorComparison(context: StatContext) {
  const own = context.scope.organisationId!
  const months = monthsOf(context.filters)
  const [organisation, rows] = await Promise.all([
    registry()
      .from('organisations')
      .where('id', own)
      .select('area_id', 'distributor_category')
      .first(),
    registry()
      .from('stat_card_months as s')
      .join('organisations as o', 'o.id', 's.organisation_id')
      .where('o.type', 'distributor')
      .where('s.year', context.filters.year)
      .whereIn('s.month', months)
      .select('s.organisation_id as id', 'o.area_id', 'o.distributor_category')
      .sum('s.registered as registered')
      .sum('s.used as used')
      .groupBy('s.organisation_id', 'o.area_id', 'o.distributor_category'),
  ])
  const peers = (filter: (row: (typeof rows)[number]) => boolean): Peer[] =>
    rows
      .filter(filter)
      .map((row) => ({ id: row.id, registered: count(row.registered), used: count(row.used) }))
  const groupRow = (label: string, group: Peer[]) => {
    const others = group.filter((peer) => peer.id !== own)
    if (others.length < MIN_PEERS) {
      return {
        group: label,
        organisations: group.length,
        registered_median: null,
        usage_rate: null,
      }
    }
    const registered = group.reduce((sum, peer) => sum + peer.registered, 0)
    const used = group.reduce((sum, peer) => sum + peer.used, 0)
    return {
      group: label,
      organisations: group.length,
      registered_median: median(group.map((peer) => peer.registered)),
      usage_rate: rateOf(used, registered),
    }
  }
  const mine = peers((row) => row.id === own)[0] ?? { id: own, registered: 0, used: 0 }
  const category: string | null = organisation?.distributor_category ?? null
  const categoryRow = category
    ? groupRow(
        context.t('stats.value.comparison.category_distributors', {
          category: context.t(`admin.distributor_category.${category}`),
        }),
        peers((row) => row.distributor_category === category)
      )
    : {
        group: context.t('stats.value.comparison.category_distributors', {
          category: context.t('admin.distributor_category_not_set'),
        }),
        organisations: null,
        registered_median: null,
        usage_rate: null,
      }
  return statTable(
    context,
    'distributor_comparison',
    [
      ['group', 'label'],
      ['organisations', 'count'],
      ['registered_median', 'count'],
      ['usage_rate', 'percent'],
    ],
    [
      {
        group: context.t('stats.value.comparison.own_organisation'),
        organisations: 1,
        registered_median: mine.registered,
        usage_rate: rateOf(mine.used, mine.registered),
      },
      groupRow(
        context.t('stats.value.comparison.area_distributors'),
        peers((row) => row.area_id === organisation?.area_id)
      ),
      categoryRow,
      groupRow(
        context.t('stats.value.comparison.all_distributors'),
        peers(() => true)
      ),
    ],
    null
  )
}

/** A venue beside venues of the same kind in its area and in the country (uses in the period). */
export async function venueComparison(context: StatContext) {
  const own = context.scope.organisationId!
  const organisation = await registry()
    .from('organisations')
    .where('id', own)
    .select('area_id', 'venue_category')
    .first()
  const rows = await registry()
    .from('organisations as o')
    .leftJoin('stat_use_months as s', (join) => {
      join
        .on('s.venue_organisation_id', 'o.id')
        .andOnVal('s.year', context.filters.year)
        .andOnIn('s.month', monthsOf(context.filters))
    })
    .where('o.type', 'venue')
    .where('o.active', true)
    .where('o.venue_category', organisation?.venue_category ?? '')
    .select('o.id', 'o.area_id')
    .sum('s.places as places')
    .groupBy('o.id', 'o.area_id')
  const row = (label: string, group: typeof rows) => {
    const others = group.filter((peer) => peer.id !== own)
    const places = group.map((peer) => count(peer.places))
    const hidden = group.length > 1 && others.length < MIN_PEERS
    return {
      group: label,
      organisations: group.length,
      places_median: hidden ? null : median(places),
      places_mean: hidden
        ? null
        : group.length
          ? Math.round((places.reduce((sum, value) => sum + value, 0) / group.length) * 10) / 10
          : null,
    }
  }
  return statTable(
    context,
    'venue_comparison',
    [
      ['group', 'label'],
      ['organisations', 'count'],
      ['places_median', 'count'],
      ['places_mean', 'decimal'],
    ],
    [
      row(
        context.t('stats.value.comparison.own_organisation'),
        rows.filter((peer) => peer.id === own)
      ),
      row(
        context.t('stats.value.comparison.area_venues', {
          category: context.t(`admin.venue_category.${organisation?.venue_category ?? 'other'}`),
        }),
        rows.filter((peer) => peer.area_id === organisation?.area_id)
      ),
      row(
        context.t('stats.value.comparison.all_venues', {
          category: context.t(`admin.venue_category.${organisation?.venue_category ?? 'other'}`),
        }),
        rows
      ),
    ],
    null
  )
}
