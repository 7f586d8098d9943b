import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type Card from '#registry/models/card'
import type User from '#registry/models/user'
import { refreshSummaries } from '#stats/services/summary_refresh'
import { toSqlDateTime, today } from '#core/services/time'
import { createArea, createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import { createOffer, createOccurrence, recordUse } from '#tests/helpers/offer_fixtures'

/*
| A small data set whose statistics are worked out by hand (this year, Y):
|
| Area A: distributor D1 with 12 cards (8 women born 1990, 3 men born 2000,
| 1 "other" born 1950) and D2 with 11 (6 women born Y−17, 5 men born 1990);
| venue V1 (a theatre). Area B: distributor D3 with one card (a woman), venue V2.
|
| Uses that stand (Y):
| - 10 March at V1: D1's women 1–5 (the first with 2 children: 3 places) and D3's card;
| - 5 May at V2: D1's first man (cross-use);
| - 20 May at V1: D2's women 1 and 2; 1 June at V1: D2's first woman again.
| Not counted: D1's sixth woman cancelled at V1, D1's second man a no-show.
|
| So area A: 23 cards registered, 8 used (34.8 %); at V1 9 registrations,
| 11 places, 2 for children, 10 with A's cards and 1 with B's.
*/
export type StatsWorld = Awaited<ReturnType<typeof buildStatsWorld>>

const onDay = (year: number, month: number, day: number) =>
  DateTime.fromObject({ year, month, day }, { zone: 'Europe/Helsinki' })

export async function buildStatsWorld() {
  const year = today().year
  const { area: areaA } = await createArea()
  const { area: areaB } = await createArea()
  const d1 = await createOrganisation('distributor', areaA)
  const d2 = await createOrganisation('distributor', areaA)
  const d3 = await createOrganisation('distributor', areaB)
  const v1 = await createOrganisation('venue', areaA)
  const v2 = await createOrganisation('venue', areaB)
  const [u1, u2, u3] = await Promise.all([
    createUser('distributor', { organisation: d1 }),
    createUser('distributor', { organisation: d2 }),
    createUser('distributor', { organisation: d3 }),
  ])
  const cards = async (user: User, count: number, overrides: Parameters<typeof issueCard>[1]) => {
    const issued: Card[] = []
    for (let index = 0; index < count; index++) {
      issued.push(await issueCard(user, { childrenCount: 0, swb: null, ...overrides }))
    }
    return issued
  }
  const d1Women = await cards(u1, 8, {
    gender: 'woman',
    birthYear: 1990,
    lifeSituation: 'employed',
  })
  const d1Men = await cards(u1, 3, { gender: 'man', birthYear: 2000, lifeSituation: 'student' })
  const d1Other = await cards(u1, 1, { gender: 'other', birthYear: 1950, lifeSituation: 'retired' })
  const d2Women = await cards(u2, 6, { gender: 'woman', birthYear: year - 17 })
  const d2Men = await cards(u2, 5, { gender: 'man', birthYear: 1990 })
  const d3Cards = await cards(u3, 1, { gender: 'woman', birthYear: 1980 })

  const offer1 = await createOffer(v1)
  const offer2 = await createOffer(v2)
  const march = await createOccurrence(offer1, {
    startsAt: onDay(year, 3, 10).set({ hour: 19 }).toUTC(),
  })
  const may = await createOccurrence(offer1, {
    startsAt: onDay(year, 5, 20).set({ hour: 19 }).toUTC(),
  })
  const june = await createOccurrence(offer1, {
    startsAt: onDay(year, 6, 1).set({ hour: 19 }).toUTC(),
  })
  const atV2 = await createOccurrence(offer2, {
    startsAt: onDay(year, 5, 5).set({ hour: 19 }).toUTC(),
  })
  const use = (card: Card, occurrence: typeof march, offer: typeof offer1, extra = {}) =>
    recordUse(card.code, offer, occurrence, { usedOn: occurrence.startsAt, ...extra })

  await use(d1Women[0], march, offer1, { places: 3, childrenCount: 2 })
  for (const card of d1Women.slice(1, 5)) await use(card, march, offer1)
  await use(d3Cards[0], march, offer1)
  await use(d1Men[0], atV2, offer2)
  await use(d2Women[0], may, offer1)
  await use(d2Women[1], may, offer1)
  await use(d2Women[0], june, offer1)
  await use(d1Women[5], march, offer1, {
    status: 'cancelled',
    cancelledBy: 'venue',
    cancelledAt: DateTime.now(),
  })
  await use(d1Men[1], march, offer1, { status: 'no_show' })

  // The world was set up a while ago: a later refresh sees only what a test changes.
  const earlier = toSqlDateTime(DateTime.now().minus({ hours: 1 }))
  for (const table of ['organisations', 'genres', 'cards', 'uses', 'offers']) {
    await db.connection('registry').from(table).update({ updated_at: earlier })
  }
  await refreshSummaries({ full: true })
  return {
    year,
    areaA,
    areaB,
    d1,
    d2,
    d3,
    v1,
    v2,
    cards: { d1Women, d1Men, d1Other, d2Women, d2Men, d3Cards },
    occurrences: { march, may, june, atV2 },
    offers: { offer1, offer2 },
  }
}

/** Every summary table's rows, in a stable order, to compare two refreshes. */
export async function summarySnapshot() {
  const tables = [
    'stat_card_months',
    'stat_card_backgrounds',
    'stat_card_validity',
    'stat_use_months',
    'stat_card_org_uses',
    'stat_card_org_venues',
    'stat_use_backgrounds',
    'stat_card_frequency',
    'stat_event_uses',
    'stat_area_card_years',
    'stat_area_use_years',
    'stat_area_use_months',
  ]
  const snapshot: Record<string, string[]> = {}
  for (const table of tables) {
    const rows = await db.connection('registry').from(table).select('*')
    snapshot[table] = rows
      .map(({ id: _id, ...row }) =>
        JSON.stringify(
          Object.entries(row).map(([k, v]) => [k, Number.isNaN(Number(v)) ? v : Number(v)])
        )
      )
      .sort()
  }
  return snapshot
}
