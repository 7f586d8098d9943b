import type { VenueCategory } from '#registry/services/directory'
import { DISTRIBUTOR_KINDS } from './country.js'
import { NAME_PREFIX, type AreaPlan, type OrganisationPlan, type Run } from './plan.js'
import { Random, STREAM, Weighted, seedOf } from './random.js'
import { CATEGORY_NAMES, CATEGORY_WEIGHTS } from './venues.js'

const DISTRIBUTORS = 500
const VENUES = 450
const TICKET_AGENTS = 4

/*
| Distributors and venues per area by population (at least two of each
| where cards are used), in municipalities weighted the same way; a few
| ticket agents in the biggest areas. Each area's first venue is a theatre
| with many shows, the second a museum, the third a swimming hall.
*/
export function planOrganisations(run: Run, areas: AreaPlan[]) {
  const random = new Random(seedOf(run.seed, STREAM.place, 1))
  const active = areas.filter((area) => area.municipalities.length)
  const allocate = (total: number) => {
    const weights = active.map((area) => Math.pow(area.weight, 0.85))
    const sum = weights.reduce((a, b) => a + b, 0)
    const shares = active.map((_, index) => Math.max(2, Math.floor((total * weights[index]) / sum)))
    let left = total - shares.reduce((a, b) => a + b, 0)
    const order = active.map((_, index) => index).sort((a, b) => weights[b] - weights[a])
    for (let step = 0; left > 0; step++, left--) shares[order[step % order.length]]++
    for (let step = 0; left < 0; step++) {
      const index = order[step % order.length]
      if (shares[index] > 2) {
        shares[index]--
        left++
      }
      if (step > 100_000) break
    }
    return shares
  }
  const organisations: OrganisationPlan[] = []
  const add = (
    area: AreaPlan,
    type: OrganisationPlan['type'],
    rank: number,
    category: VenueCategory | null
  ) => {
    const choice = new Weighted(area.municipalities.map((m) => [m, Math.pow(m.population, 0.9)]))
    const municipality =
      rank === 0
        ? [...area.municipalities].sort((a, b) => b.population - a.population)[0]
        : choice.pick(random)
    const lastJoin = Math.max(municipality.startDay, run.today - 150)
    const joinDay =
      rank === 0 || random.chance(0.35)
        ? municipality.startDay
        : municipality.startDay + Math.floor(random.next() * (lastJoin - municipality.startDay))
    const organisation: OrganisationPlan = {
      index: organisations.length,
      id: 0,
      name: '',
      type,
      area,
      municipality,
      category,
      joinDay,
      weight: Math.pow(rank + 1, type === 'venue' ? -0.7 : -0.9) * (0.7 + 0.6 * random.next()),
      offers: [],
      offerChoice: null,
    }
    organisations.push(organisation)
    return organisation
  }

  const distributorShares = allocate(DISTRIBUTORS)
  const venueShares = allocate(VENUES)
  active.forEach((area, index) => {
    const kinds = new Map<string, number>()
    for (let rank = 0; rank < distributorShares[index]; rank++) {
      const organisation = add(area, 'distributor', rank, null)
      const kind = DISTRIBUTOR_KINDS[rank % DISTRIBUTOR_KINDS.length]
      const key = `${organisation.municipality.name} ${kind}`
      const seen = (kinds.get(key) ?? 0) + 1
      kinds.set(key, seen)
      organisation.name = `${NAME_PREFIX}${organisation.municipality.name}: ${kind}${seen > 1 ? ` ${seen}` : ''}`
      area.distributors.push(organisation)
    }
    const names = new Map<string, number>()
    for (let rank = 0; rank < venueShares[index]; rank++) {
      const fixed: VenueCategory[] = ['theatre', 'museum', 'swimming_hall']
      const category = fixed[rank] ?? CATEGORY_WEIGHTS.pick(random)
      const organisation = add(area, 'venue', rank, category)
      const key = `${organisation.municipality.name} ${CATEGORY_NAMES[category]}`
      const seen = (names.get(key) ?? 0) + 1
      names.set(key, seen)
      organisation.name = `${NAME_PREFIX}${organisation.municipality.name}: ${CATEGORY_NAMES[category]}${seen > 1 ? ` ${seen}` : ''}`
      area.venues.push(organisation)
    }
  })
  for (const area of [...active].sort((a, b) => b.weight - a.weight).slice(0, TICKET_AGENTS)) {
    const agent = add(area, 'ticket_agent', 0, null)
    agent.name = `${NAME_PREFIX}${area.name}: lippupalvelu`
    area.agent = agent
  }
  for (const area of active) {
    area.venueChoice = new Weighted(area.venues.map((venue) => [venue, venue.weight]))
  }
  return organisations
}
