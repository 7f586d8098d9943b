import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { GROUP_SIZE } from '#offers/services/restrictions'
import { BulkLoader, columnList } from './bulk_loader.js'
import { DAY, dayOf, lowerBound } from './calendar.js'
import { submissionKey } from './card_values.js'
import { USE_SEASON } from './country.js'
import type { AreaPlan, CardPlan, OrganisationPlan, Run, ShowPlaces, UseResult } from './plan.js'
import { Progress } from './progress.js'
import { Random, STREAM, Weighted, seedOf } from './random.js'
import { allotUses } from './use_counts.js'
import { SHOW_TIME } from './venues.js'

/*
| Each card gets its number of uses first (about a third never used, then a
| long tail), spread over its validity. The uses are then made month by
| month: every card valid in the month draws its dates again from its own
| seed and keeps the ones in the month, so nothing but the cards' plan stays
| in memory and the rows go in about in the order they were registered.
*/
export async function writeUses(
  run: Run,
  registry: QueryClientContract,
  areas: AreaPlan[],
  cards: CardPlan,
  shows: ShowPlaces
): Promise<UseResult> {
  const calendar = run.calendar
  const total = run.cards
  allotUses(run, cards)
  const planned = cards.uses.reduce((sum, n) => sum + n, 0)
  const active = areas.filter((area) => area.venues.length)
  const otherAreas = new Weighted(active.map((area) => [area, area.weight]))

  const loader = new BulkLoader(registry, run.mysql)
  const table = loader.table(
    'uses',
    columnList(
      'card_code, organisation_id, offer_id, occurrence_id, used_on, places, children_count, group_size, amount_cents, status, registered_by_user_id, registered_by_organisation_id, cancelled_at, cancelled_by, seen_at, submission_key, created_at, updated_at'
    )
  )
  const progress = new Progress('uses', planned, run.log)
  const result: UseResult = {
    inserted: 0,
    planned,
    dropped: 0,
    byYear: new Map<number, number>(),
    byVenue: new Map<OrganisationPlan, number>(),
    crossArea: 0,
    byStatus: { registered: 0, cancelled: 0, no_show: 0 },
  }
  const dates = new Random()
  const random = new Random()
  let maxSpan = 0
  for (let index = 0; index < total; index++) {
    maxSpan = Math.max(maxSpan, cards.lastDay[index] - cards.issued[index])
  }
  let key = 0
  const lastMonth = calendar.yearOf(run.lastUseDay) * 12 + calendar.monthOf(run.lastUseDay)
  const firstMonth = calendar.yearOf(run.spanStart) * 12 + calendar.monthOf(run.spanStart)

  /** Draws a use day in the card's validity: fewer in summer, few ahead of today. */
  const drawDay = (first: number, last: number) => {
    let day = first
    for (let attempt = 0; attempt < 8; attempt++) {
      day = first + dates.int(last - first + 1)
      let accept = USE_SEASON[calendar.monthOf(day)]
      if (day > run.today) accept *= 0.3 * (1 - (day - run.today) / 61)
      if (dates.next() < accept) return day
    }
    return Math.min(day, run.today)
  }

  try {
    let low = 0
    for (let month = firstMonth; month <= lastMonth; month++) {
      const year = Math.floor((month - 1) / 12)
      const monthOfYear = month - year * 12
      const monthStart = dayOf(year, monthOfYear, 1)
      const monthEnd = dayOf(year, monthOfYear + 1, 1) - 1
      while (low < total && cards.issued[low] < monthStart - maxSpan) low++
      for (let index = low; index < total && cards.issued[index] <= monthEnd; index++) {
        const count = cards.uses[index]
        if (!count || cards.lastDay[index] < monthStart) continue
        const first = cards.issued[index]
        const last = cards.lastDay[index]
        dates.reseed(seedOf(run.seed, STREAM.dates, index))
        for (let k = 0; k < count; k++) {
          const day = drawDay(first, last)
          if (day < monthStart || day > monthEnd) continue
          random.reseed(seedOf(run.seed, STREAM.use, index, k))
          const use = oneUse(run, areas, random, cards, index, day, otherAreas, shows)
          if (!use) {
            result.dropped++
            continue
          }
          const submission = submissionKey(2, key++)
          if (table.push(`${use.row},'${submission}',${use.times})`)) await loader.flush()
          result.inserted++
          progress.update(result.inserted + result.dropped)
          result.byYear.set(
            calendar.yearOf(use.usedOn),
            (result.byYear.get(calendar.yearOf(use.usedOn)) ?? 0) + 1
          )
          result.byVenue.set(use.venue, (result.byVenue.get(use.venue) ?? 0) + 1)
          result.byStatus[use.status]++
          if (use.venue.area.index !== cards.area[index]) result.crossArea++
        }
      }
    }
    await loader.finish()
  } catch (error) {
    await loader.abort()
    throw error
  }
  return result
}

/**
 * One use of a card on a day: a venue mostly in the card's own area, one of
 * its offers (a show near the day, or an open offer), the status, who
 * registered it and when. Null when no venue has anything for the card then.
 */
function oneUse(
  run: Run,
  areas: AreaPlan[],
  random: Random,
  cards: CardPlan,
  index: number,
  day: number,
  otherAreas: Weighted<AreaPlan>,
  shows: ShowPlaces
) {
  const calendar = run.calendar
  const today = run.today
  const ownArea = areas[cards.area[index]]
  const community = cards.community[index] === 1
  const cardChildren = cards.children[index]
  const first = cards.issued[index]
  const last = cards.lastDay[index]

  for (let attempt = 0; attempt < 6; attempt++) {
    let area = ownArea
    if (random.chance(0.15) || !ownArea.venueChoice) {
      for (let again = 0; area === ownArea && again < 4; again++) area = otherAreas.pick(random)
    }
    if (!area.venueChoice) continue
    let venue = area.venueChoice.pick(random)
    for (let again = 0; venue.joinDay > day && again < 6; again++)
      venue = area.venueChoice.pick(random)
    if (venue.joinDay > day || !venue.offerChoice) continue
    const offer = venue.offerChoice.pick(random)

    const groupSize = community ? random.between(GROUP_SIZE.min, GROUP_SIZE.max) : null
    let children = 0
    if (!community && cardChildren > 0 && offer.childrenAllowed) {
      const r = random.next()
      children = r < 0.55 ? cardChildren : r < 0.75 ? random.between(1, cardChildren) : 0
    }
    const places = groupSize ?? 1 + children

    let usedOn = day
    let show = -1
    if (offer.schedule) {
      const days = offer.days
      let position = lowerBound(days, day)
      if (offer.schedule !== 'course' && position > 0) {
        const before = days[position - 1]
        if (position >= days.length || day - before < days[position] - day) position--
      }
      const reach = offer.schedule === 'course' ? 120 : 6
      for (let step = 0; step < 4 && position < days.length; step++, position++) {
        const candidate = days[position]
        if (Math.abs(candidate - day) > reach || candidate > last) break
        if (candidate < first) continue
        if (
          shows.places[offer.firstShow + position] + places <=
          shows.capacities[offer.firstShow + position]
        ) {
          show = offer.firstShow + position
          usedOn = candidate
          break
        }
      }
      if (show < 0) continue
    } else if (day > today || day < offer.availableFrom) {
      continue
    }

    // Status, and when it was registered (ahead for shows; sometimes afterwards).
    const past = usedOn < today
    const r = random.next()
    const status = r < 0.05 ? 'cancelled' : r < 0.07 && past ? 'no_show' : 'registered'
    if (show >= 0 && status !== 'cancelled') shows.places[show] += places
    let createdDay =
      show >= 0 ? Math.min(day, usedOn) - Math.floor(random.next() * random.next() * 14) : usedOn
    if (random.chance(0.1)) createdDay = usedOn + random.int(3)
    if (createdDay > today) createdDay = today - random.int(30)
    createdDay = Math.max(createdDay, first)
    const created = Math.min(
      run.now - 60,
      calendar.moment(createdDay, 9 * 3600 + random.int(11 * 3600))
    )
    const eventStart = calendar.moment(
      usedOn,
      offer.schedule ? SHOW_TIME[offer.schedule] : 10 * 3600
    )
    let cancelledAt = 'NULL'
    let cancelledBy = 'NULL'
    let seenAt = 'NULL'
    let updated = created
    if (status === 'cancelled') {
      const at = Math.min(
        run.now - 30,
        created + Math.floor(random.next() * Math.max(0, eventStart - created))
      )
      const byHolder = random.chance(0.55)
      cancelledAt = `'${calendar.stamp(at)}'`
      cancelledBy = byHolder ? "'holder'" : "'venue'"
      const seen = at + 3600 + random.int(2 * DAY)
      if (byHolder && seen < run.now) seenAt = `'${calendar.stamp(seen)}'`
      updated = at
    } else if (status === 'no_show') {
      updated = Math.max(created, Math.min(run.now - 30, eventStart + DAY))
    }
    const agent = venue.area.agent
    const registeredBy =
      agent && show >= 0 && agent.joinDay <= createdDay && random.chance(0.12) ? agent.id : venue.id
    const amount = offer.type === 'library_fees' ? 10 * random.between(5, 200) : null
    return {
      row: `('${cards.codeOf(index)}',${venue.id},${offer.id},${show >= 0 ? shows.firstId + show : 'NULL'},'${calendar.text(usedOn)}',${places},${children},${groupSize ?? 'NULL'},${amount ?? 'NULL'},'${status}',NULL,${registeredBy},${cancelledAt},${cancelledBy},${seenAt}`,
      times: `'${calendar.stamp(created)}','${calendar.stamp(updated)}'`,
      usedOn,
      venue,
      status,
    }
  }
  return null
}
