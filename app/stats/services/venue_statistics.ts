import { DateTime } from 'luxon'
import { momentFromRow, ZONE } from '#core/services/time'
import {
  count,
  monthsOf,
  registry,
  statTable,
  type StatContext,
} from '#stats/services/statistic_context'

/*
| A venue's own statistics. Per event they are counted from the raw uses
| (a venue's year is small and indexed by venue and day); by area, from the
| use summary.
*/

/** Each event (occurrence) in the period: registrations, cards, places, personal and community cards. */
export async function usesPerEvent(context: StatContext) {
  const { year } = context.filters
  const months = monthsOf(context.filters)
  const from = `${year}-${String(months[0]).padStart(2, '0')}-01`
  const until = DateTime.fromISO(from).plus({ months: months.length }).toISODate()!
  const rows = await registry()
    .from('uses as u')
    .join('cards as c', 'c.code', 'u.card_code')
    .join('offers as f', 'f.id', 'u.offer_id')
    .leftJoin('occurrences as e', 'e.id', 'u.occurrence_id')
    .where('u.organisation_id', context.scope.organisationId!)
    .where('u.status', 'registered')
    .where('u.used_on', '>=', from)
    .where('u.used_on', '<', until)
    .select('f.title', 'e.starts_at', 'u.occurrence_id', 'u.offer_id')
    .count('* as registrations')
    .countDistinct('u.card_code as cards')
    .sum('u.places as places')
    .select(
      registry().raw(`SUM(CASE WHEN c.type = 'personal' THEN 1 ELSE 0 END) AS personal`),
      registry().raw(`SUM(CASE WHEN c.type = 'community' THEN 1 ELSE 0 END) AS community`)
    )
    .groupBy('u.offer_id', 'u.occurrence_id', 'f.title', 'e.starts_at')
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
        ? startsAt.setZone(ZONE).toFormat('d.L.yyyy HH.mm')
        : context.t('stats.value.event.no_date')
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
    .select('s.card_area_id', 'a.name')
    .sum('s.places as places')
    .groupBy('s.card_area_id', 'a.name')
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
          ? context.t('stats.value.own_area', { name: row.name })
          : (row.name ?? context.t('stats.value.no_area')),
      places: count(row.places),
    })),
    { kind: 'bar', labelColumn: 'area', series: ['places'] }
  )
}
