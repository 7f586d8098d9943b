import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import {
  BENCH_PASSWORD,
  EMAIL_DOMAIN,
  type AreaPlan,
  type Counts,
  type OrganisationPlan,
  type Run,
  type UseResult,
} from './plan.js'

/*
| The staff users to benchmark with, at the biggest area, distributor and
| venue of the data set, and an admin; one password hash for all of them.
*/
export async function writeUsers(
  registry: QueryClientContract,
  organisations: OrganisationPlan[],
  cards: { byDistributor: Int32Array; area: Uint8Array },
  uses: { byVenue: Map<OrganisationPlan, number> }
) {
  const password = await hash.make(BENCH_PASSWORD)
  const cardsByArea = new Map<AreaPlan, number>()
  for (const organisation of organisations) {
    const count = cards.byDistributor[organisation.index]
    if (count) cardsByArea.set(organisation.area, (cardsByArea.get(organisation.area) ?? 0) + count)
  }
  const biggestArea = [...cardsByArea.entries()].sort((a, b) => b[1] - a[1])[0][0]
  const biggestDistributor = organisations
    .filter((o) => o.type === 'distributor')
    .sort((a, b) => cards.byDistributor[b.index] - cards.byDistributor[a.index])[0]
  const venues = organisations.filter((o) => o.type === 'venue')
  const busiestVenue = [...venues].sort(
    (a, b) => (uses.byVenue.get(b) ?? 0) - (uses.byVenue.get(a) ?? 0)
  )[0]
  const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
  const users = [
    {
      email: `bench.admin${EMAIL_DOMAIN}`,
      full_name: 'Bench Kaikukeskus',
      role: 'admin',
      organisation_id: null,
      area_id: null,
      scope: 'every area',
    },
    {
      email: `bench.coordinator${EMAIL_DOMAIN}`,
      full_name: 'Bench Koordinaattori',
      role: 'area_coordinator',
      organisation_id: null,
      area_id: biggestArea.id,
      scope: `area ${biggestArea.name} (id ${biggestArea.id}, ${cardsByArea.get(biggestArea)!.toLocaleString('en')} cards)`,
    },
    {
      email: `bench.distributor${EMAIL_DOMAIN}`,
      full_name: 'Bench Jakaja',
      role: 'distributor',
      organisation_id: biggestDistributor.id,
      area_id: null,
      scope: `${biggestDistributor.name} (id ${biggestDistributor.id}, ${cards.byDistributor[biggestDistributor.index].toLocaleString('en')} cards)`,
    },
    {
      email: `bench.venue${EMAIL_DOMAIN}`,
      full_name: 'Bench Kohde',
      role: 'venue',
      organisation_id: busiestVenue.id,
      area_id: null,
      scope: `${busiestVenue.name} (id ${busiestVenue.id}, ${(uses.byVenue.get(busiestVenue) ?? 0).toLocaleString('en')} uses)`,
    },
  ]
  await registry.table('users').multiInsert(
    users.map(({ scope: _scope, ...user }) => ({
      ...user,
      password,
      active: true,
      created_at: now,
      updated_at: now,
    }))
  )
  const rows = await registry
    .from('users')
    .whereIn(
      'email',
      users.map((user) => user.email)
    )
    .select('id', 'email')
  const idOf = new Map(rows.map((row) => [String(row.email), Number(row.id)]))
  return users.map((user) => ({ ...user, id: idOf.get(user.email)! }))
}

/** What the run added, and the staff users to sign in with. */
export function report(
  run: Run,
  counts: Counts,
  cards: { byYear: Map<number, number> },
  uses: UseResult,
  users: Array<{ id: number; email: string; role: string; scope: string }>
) {
  const line = (map: Map<number, number>) =>
    [...map.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([year, count]) => `${year}: ${count.toLocaleString('en')}`)
      .join(', ')
  run.log('Rows added:')
  for (const [table, count] of Object.entries(counts)) {
    run.log(`  ${table.padEnd(20)} ${count.toLocaleString('en').padStart(12)}`)
  }
  run.log(`Cards issued per year: ${line(cards.byYear)}`)
  run.log(`Uses per year: ${line(uses.byYear)}`)
  const usesTotal = Math.max(uses.inserted, 1)
  run.log(
    `Uses: ${uses.byStatus.registered.toLocaleString('en')} registered, ${uses.byStatus.cancelled.toLocaleString('en')} cancelled, ${uses.byStatus.no_show.toLocaleString('en')} no-shows; ${((100 * uses.crossArea) / usesTotal).toFixed(1)} % in another area than the card's; ${uses.dropped.toLocaleString('en')} of ${uses.planned.toLocaleString('en')} planned found no show and were left out`
  )
  run.log(`Staff users (password ${BENCH_PASSWORD}):`)
  for (const user of users) {
    run.log(
      `  ${user.email.padEnd(36)} id ${String(user.id).padEnd(6)} ${user.role}: ${user.scope}`
    )
  }
}
