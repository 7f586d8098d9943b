import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import CardUse from '#usage/models/card_use'
import { dashboardSection } from '#stats/services/dashboards'
import { refreshSummaries } from '#stats/services/summary_refresh'
import { createUser, issueCard } from '#tests/helpers/fixtures'
import { recordUse } from '#tests/helpers/offer_fixtures'
import { buildStatsWorld, summarySnapshot, type StatsWorld } from '#tests/helpers/stats'

/** The area's key figures counted straight from the raw rows, with no summary table. */
async function plainFigures(world: StatsWorld, year: number) {
  const registry = db.connection('registry')
  const [from, until] = [`${year}-01-01`, `${year + 1}-01-01`]
  const cards = await registry
    .from('cards as c')
    .join('organisations as o', 'o.id', 'c.issuing_organisation_id')
    .where('o.area_id', world.areaA.id)
    .where('c.issued_on', '>=', from)
    .where('c.issued_on', '<', until)
    .select('c.code')
  const usedCodes = await registry
    .from('uses')
    .where('status', 'registered')
    .whereIn(
      'card_code',
      cards.map((card) => card.code)
    )
    .distinct('card_code')
  const uses = await registry
    .from('uses as u')
    .join('organisations as o', 'o.id', 'u.organisation_id')
    .where('o.area_id', world.areaA.id)
    .where('u.status', 'registered')
    .where('u.used_on', '>=', from)
    .where('u.used_on', '<', until)
    .sum('u.places as places')
    .sum('u.children_count as children')
    .first()
  return {
    registered: cards.length,
    used: usedCodes.length,
    places: Number(uses?.places ?? 0),
    children: Number(uses?.children ?? 0),
  }
}

async function summaryFigures(world: StatsWorld, year: number) {
  const { figures } = await dashboardSection('area', 'overview', {
    scope: { areaId: world.areaA.id, organisationId: null, organisationType: null },
    filters: { year, quarter: null },
    t: (key) => key,
    locale: 'fi',
  })
  const value = (key: string) => figures.find((figure) => figure.key === key)!.value
  return {
    registered: value('registered'),
    used: value('used'),
    places: value('places'),
    children: value('children'),
  }
}

test.group('Statistics summaries', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('refreshing only what changed gives the same summaries as a full rebuild and as plain queries', async ({
    assert,
  }) => {
    const world = await buildStatsWorld()
    const lastYear = world.year - 1
    const { d2Men, d1Other, d2Women } = world.cards

    // A use registered afterwards for last year's show, a cancellation, changed background data, a new card.
    await recordUse(d2Men[0].code, world.offers.offer1, null, {
      usedOn: DateTime.fromObject({ year: lastYear, month: 12, day: 1 }),
      places: 2,
      childrenCount: 1,
    })
    await refreshSummaries({ full: false })
    const june = await CardUse.query()
      .where('card_code', d2Women[0].code)
      .orderBy('used_on', 'desc')
      .firstOrFail()
    june.merge({ status: 'cancelled', cancelledBy: 'venue', cancelledAt: DateTime.now() })
    await june.save()
    d1Other[0].merge({ gender: 'not_given' })
    await d1Other[0].save()
    const distributor = await createUser('distributor', { organisation: world.d1 })
    await issueCard(distributor, { gender: 'man', birthYear: 1970 })
    const outcome = await refreshSummaries({ full: false })
    // Only the years that changed (last year's late use is still inside the overlap window).
    assert.deepEqual(outcome.useYears, [lastYear, world.year])
    assert.deepEqual(outcome.cardYears, [world.year])

    const incremental = await summarySnapshot()
    assert.deepEqual(await summaryFigures(world, world.year), await plainFigures(world, world.year))
    assert.deepEqual(await summaryFigures(world, lastYear), await plainFigures(world, lastYear))
    assert.deepEqual(await summaryFigures(world, world.year), {
      registered: 24,
      // D2's first man is now used (last year), D2's first woman still is (May).
      used: 9,
      places: 10,
      children: 2,
    })

    await refreshSummaries({ full: true })
    assert.deepEqual(await summarySnapshot(), incremental)
  })

  test('a refresh with nothing changed rebuilds nothing', async ({ assert }) => {
    await buildStatsWorld()
    const outcome = await refreshSummaries({ full: false })
    assert.deepEqual([outcome.cardYears, outcome.useYears], [[], []])
  })
})
