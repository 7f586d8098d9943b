import { cardCapRange, cardPlacesOf, MIN_YEARLY_VISITS } from '#offers/services/restrictions'
import { columnList, type BulkLoader } from './bulk_loader.js'
import { DAY, DAY_MS, dayOf } from './calendar.js'
import {
  NAME_PREFIX,
  type OfferPlan,
  type OrganisationPlan,
  type Run,
  type ShowPlaces,
} from './plan.js'
import { Random, STREAM, Weighted, seedOf } from './random.js'
import { OFFER_TEMPLATES, SHOW_TIME, type Schedule } from './venues.js'

/*
| The organisations, the venues' offers and the offers' shows, written in
| that order (each table's ids counting up from the database's next one).
*/

/** Organisations, their offers and the offers' shows; returns the shows' card places. */
export async function writeOrganisations(
  run: Run,
  loader: BulkLoader,
  organisations: OrganisationPlan[],
  genres: { byKey: Map<string, number>; all: number[] },
  ids: { organisation: number; offer: number; occurrence: number }
): Promise<ShowPlaces> {
  const sql = run.sql
  const calendar = run.calendar
  const organisationTable = loader.table(
    'organisations',
    columnList(
      'id, name, type, area_id, municipality_id, venue_category, active, created_at, updated_at'
    )
  )
  const offerTable = loader.table(
    'offers',
    columnList(
      'id, organisation_id, title, description, type, genre_id, municipality_id, location, accessibility, children_allowed, guest_production, once_per_card, weekends_excluded, booking_opens_days, yearly_visits, yearly_euro_cap, available_from, available_until, published, revision, created_at, updated_at'
    )
  )
  const occurrenceTable = loader.table(
    'occurrences',
    columnList(
      'id, offer_id, starts_at, capacity, card_cap, excluded_kind, submission_key, created_at, updated_at'
    )
  )
  const started = performance.now()
  const firstOffer = ids.offer
  let showCount = 0
  const capacities: number[] = []
  const lastShowDay = run.today + 120
  for (const organisation of organisations) {
    organisation.id = ids.organisation++
    const joined = calendar.moment(organisation.joinDay, 10 * 3600)
    if (
      organisationTable.push(
        `(${organisation.id},${sql.text(organisation.name)},'${organisation.type}',${organisation.area.id},${organisation.municipality.id},${sql.text(organisation.category)},1,'${calendar.stamp(joined)}','${calendar.stamp(joined)}')`
      )
    )
      await loader.flush()
    if (organisation.type !== 'venue' || !organisation.category) continue
    const random = new Random(seedOf(run.seed, STREAM.offer, organisation.index))
    const busiest = organisation === organisation.area.venues[0]
    for (const template of OFFER_TEMPLATES[organisation.category]) {
      const howMany = busiest && template.schedule ? 3 : random.between(...template.count)
      for (let number = 1; number <= howMany; number++) {
        const genreKey = random.pick(template.genres)
        const schedule = template.schedule ?? null
        const days = schedule
          ? showDays(run, schedule, organisation.joinDay, lastShowDay, random)
          : new Int32Array(0)
        const capacity = template.capacity ? random.between(...template.capacity) : 0
        // Some shows cap their card places: at least the rule's smallest cap.
        let cardCap: number | null = null
        if (template.type === 'course') cardCap = random.between(2, 4)
        else if (schedule && !busiest && random.chance(0.3)) {
          cardCap = Math.max(
            cardCapRange({ type: template.type, guestProduction: false }, capacity).min,
            Math.ceil(capacity * (0.05 + 0.1 * random.next()))
          )
        }
        const offer: OfferPlan = {
          id: ids.offer++,
          venue: organisation,
          type: template.type,
          genreId: genres.byKey.get(genreKey) ?? random.pick(genres.all),
          title: `${template.title} ${number}`,
          schedule,
          days,
          firstShow: showCount,
          capacity: busiest ? Math.max(capacity, 800) : capacity,
          cardCap,
          childrenAllowed: template.type !== 'course' && template.type !== 'library_fees',
          availableFrom: organisation.joinDay,
        }
        organisation.offers.push(offer)
        const created = calendar.stamp(joined)
        const open = !schedule
        if (
          offerTable.push(
            `(${offer.id},${organisation.id},${sql.text(offer.title)},${sql.text(`${offer.title} – ${organisation.name.slice(NAME_PREFIX.length)}. Generated for benchmarking the statistics.`)},'${offer.type}',${offer.genreId},${organisation.municipality.id},${sql.text(`${organisation.municipality.name}, keskusta`)},'Esteetön sisäänkäynti ja induktiosilmukka.',${offer.childrenAllowed ? 1 : 0},0,0,0,NULL,${offer.type === 'series' ? MIN_YEARLY_VISITS : 'NULL'},${offer.type === 'library_fees' ? 20 : 'NULL'},${open ? `'${calendar.text(offer.availableFrom)}'` : 'NULL'},NULL,1,1,'${created}','${created}')`
          )
        )
          await loader.flush()
        for (const day of days) {
          const id = ids.occurrence + showCount
          capacities.push(cardPlacesOf(offer))
          showCount++
          const starts = calendar.moment(day, SHOW_TIME[schedule!])
          const made = calendar.stamp(Math.min(run.now, Math.max(joined, starts - 60 * DAY)))
          if (
            occurrenceTable.push(
              `(${id},${offer.id},'${calendar.stamp(starts)}',${offer.capacity},${sql.number(offer.cardCap)},NULL,NULL,'${made}','${made}')`
            )
          )
            await loader.flush()
        }
      }
    }
    organisation.offerChoice = new Weighted(
      organisation.offers.map((offer, index) => [offer, 1 / (index + 1)])
    )
  }
  await loader.finish()
  run.log(
    `${organisations.length} organisations, ${ids.offer - firstOffer} offers and ${showCount.toLocaleString('en')} shows in ${((performance.now() - started) / 1000).toFixed(1)} s`
  )
  return {
    firstId: ids.occurrence,
    places: new Int32Array(showCount),
    capacities: Int32Array.from(capacities),
  }
}

/** The days a dated offer has shows, from the venue's first day to a few months ahead. */
function showDays(run: Run, schedule: Schedule, from: number, to: number, random: Random) {
  const calendar = run.calendar
  const days: number[] = []
  const weekdays = new Set<number>()
  const pickWeekdays = (pool: number[], count: number) => {
    while (weekdays.size < count) weekdays.add(random.pick(pool))
  }
  if (schedule === 'stage') pickWeekdays([2, 3, 4, 5, 6, 7], random.between(2, 3))
  if (schedule === 'screenings') pickWeekdays([2, 4, 5, 6, 7], random.between(3, 4))
  if (schedule === 'concert') pickWeekdays([3, 4, 5, 6], random.between(1, 2))
  if (schedule === 'weekly') pickWeekdays([2, 3, 4], 1)
  if (schedule === 'match') pickWeekdays([6, 7, 3], random.between(1, 2))
  const festivalStart = new Map<number, number>()
  for (let day = from; day <= to; day++) {
    const month = calendar.monthOf(day)
    const weekday = calendar.weekdayOf(day)
    const date = new Date(day * DAY_MS).getUTCDate()
    let show = false
    if (schedule === 'screenings') show = weekdays.has(weekday)
    else if (schedule === 'stage' || schedule === 'concert' || schedule === 'weekly') {
      const summerBreak =
        schedule === 'stage'
          ? month === 7 || (month === 6 && date > 15) || (month === 8 && date < 15)
          : month === 7
      show = weekdays.has(weekday) && !summerBreak
    } else if (schedule === 'match') {
      show = weekdays.has(weekday) && (month >= 9 || month <= 4)
    } else if (schedule === 'course') {
      const term =
        (month === 1 && date >= 8 && date <= 26) ||
        (month === 8 && date >= 25) ||
        (month === 9 && date <= 14)
      show = term && weekday <= 5 && random.chance(0.6)
    } else if (schedule === 'festival') {
      const year = calendar.yearOf(day)
      if (!festivalStart.has(year)) festivalStart.set(year, dayOf(year, 6, 20) + random.int(35))
      const start = festivalStart.get(year)!
      show = day >= start && day < start + 6
    }
    if (show) days.push(day)
  }
  return Int32Array.from(days)
}
