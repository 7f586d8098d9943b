import { placeName } from '#registry/services/directory'
import { momentFromRow } from '#core/services/time'
import { formatDateTime } from '#core/services/formatting'
import {
  count,
  monthsOf,
  registry,
  statTable,
  type StatContext,
} from '#stats/services/statistic_context'

/*
| A venue's own statistics: by event and by the card's area.
*/

/**
 * Each event in the period: a show, or an offer without shows by month.
 * Registrations, different cards, places, and registrations with personal and community cards.
 */
export async function usesPerEvent(context: StatContext) {
  const rows = await registry()
    .from('stat_event_uses as s')
    .join('offers as f', 'f.id', 's.offer_id')
    .leftJoin('occurrences as e', 'e.id', 's.occurrence_id')
    .where('s.venue_organisation_id', context.scope.organisationId!)
    .where('s.year', context.filters.year)
    .whereIn('s.month', monthsOf(context.filters))
    .select('f.title', 'e.starts_at', 's.offer_id', 's.occurrence_id', 's.month')
    .sum('s.registrations as registrations')
    .sum('s.cards as cards')
    .sum('s.places as places')
    .select(
      registry().raw(
        `SUM(CASE WHEN s.card_type = 'personal' THEN s.registrations ELSE 0 END) AS personal`
      ),
      registry().raw(
        `SUM(CASE WHEN s.card_type = 'community' THEN s.registrations ELSE 0 END) AS community`
      )
    )
    .groupBy('s.offer_id', 's.occurrence_id', 's.month', 'f.title', 'e.starts_at')
    .orderBy('s.month')
    .orderBy('e.starts_at')
    .orderBy('f.title')
  return statTable(
    context,
    'uses_per_event',
    [
      ['event', 'label'],
      ['registrations', 'count'],
      ['cards', 'count'],
      ['places', 'count'],
      ['personal_cards', 'count'],
      ['community_cards', 'count'],
    ],
    rows.map((row) => {
      const startsAt = momentFromRow(row.starts_at)
      const when = startsAt
        ? formatDateTime(startsAt, context.locale)
        : context.t(`stats.month.${row.month}`)
      return {
        event: `${row.title}, ${when}`,
        registrations: count(row.registrations),
        cards: count(row.cards),
        places: count(row.places),
        personal_cards: count(row.personal),
        community_cards: count(row.community),
      }
    }),
    null
  )
}

/** The period's uses at the venue by the card's area, its own area first. */
export async function visitorsByArea(context: StatContext) {
  const venue = await registry()
    .from('organisations')
    .where('id', context.scope.organisationId!)
    .select('area_id')
    .first()
  const rows = await registry()
    .from('stat_use_months as s')
    .leftJoin('areas as a', 'a.id', 's.card_area_id')
    .where('s.venue_organisation_id', context.scope.organisationId!)
    .where('s.year', context.filters.year)
    .whereIn('s.month', monthsOf(context.filters))
    .select('s.card_area_id', 'a.name', 'a.name_sv')
    .sum('s.places as places')
    .groupBy('s.card_area_id', 'a.name', 'a.name_sv')
    .orderBy('places', 'desc')
  const ownFirst = [...rows].sort(
    (a, b) => Number(b.card_area_id === venue?.area_id) - Number(a.card_area_id === venue?.area_id)
  )
  return statTable(
    context,
    'visitors_by_area',
    [
      ['area', 'label'],
      ['places', 'count'],
    ],
    ownFirst.map((row) => ({
      area:
        row.card_area_id === venue?.area_id
          ? context.t('stats.value.own_area', { name: placeName(row, context.locale) })
          : row.name
            ? placeName(row, context.locale)
            : context.t('stats.value.no_area'),
      places: count(row.places),
    })),
    { kind: 'bar', labelColumn: 'area', series: ['places'] }
  )
}
