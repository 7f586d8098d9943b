import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import CardUse from '#usage/models/card_use'
import { dashboardSection } from '#stats/services/dashboards'
import { refreshSummaries } from '#stats/services/summary_refresh'
import { toSqlDateTime, today } from '#core/services/time'
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
    // Only what changed: the late use (still inside the overlap window), the cancelled use, the
    // changed card's, and the cards of those uses and the new card.
    assert.deepEqual([outcome.full, outcome.uses], [false, 2])
    assert.equal(outcome.cards, 4)

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
    assert.deepEqual([outcome.full, outcome.cards, outcome.uses], [false, 0, 0])
  })

  test('after each of a run of changes, the summaries of what changed equal a full rebuild row for row', async ({
    assert,
  }) => {
    const world = await buildStatsWorld()
    const registry = db.connection('registry')
    const now = () => toSqlDateTime(DateTime.now())
    const { d1Women, d1Men, d2Women, d2Men, d3Cards } = world.cards
    const { offer1, offer2 } = world.offers
    const onDay = (year: number, month: number, day: number) =>
      DateTime.fromObject({ year, month, day })

    /** Refreshes what changed, then checks it against a full rebuild of the same rows. */
    const check = async (change: string, options: { deleted?: boolean } = {}) => {
      const outcome = await refreshSummaries({ full: false, ...options })
      assert.isFalse(outcome.full, change)
      const incremental = await summarySnapshot()
      await refreshSummaries({ full: true })
      assert.deepEqual(incremental, await summarySnapshot(), change)
      return outcome
    }

    // New uses on both sides of the year boundary, one of them a new card's first.
    await recordUse(d2Men[1].code, offer1, null, { usedOn: onDay(world.year - 1, 12, 31) })
    await recordUse(d2Men[1].code, offer2, null, { usedOn: onDay(world.year, 1, 1), places: 3 })
    await recordUse(d3Cards[0].code, offer2, world.occurrences.atV2, {
      childrenCount: 1,
      places: 2,
    })
    await check('new uses across the year boundary')

    // An edited use moves to another month, venue and offer, with other places.
    const moved = await CardUse.query().where('card_code', d1Women[1].code).firstOrFail()
    moved.merge({
      organisationId: world.v2.id,
      offerId: offer2.id,
      occurrenceId: null,
      usedOn: onDay(world.year, 2, 14),
      places: 4,
    })
    await moved.save()
    // A no-show turns into a use that stands, a use that stood is cancelled.
    await registry
      .from('uses')
      .where('card_code', d1Men[1].code)
      .update({ status: 'registered', updated_at: now() })
    await registry.from('uses').where('card_code', d2Women[1].code).update({
      status: 'cancelled',
      cancelled_by: 'venue',
      cancelled_at: now(),
      updated_at: now(),
    })
    await check('edited uses')

    // A deleted use is found when the refresh looks for deleted rows.
    await registry.from('uses').where('card_code', d1Women[2].code).delete()
    const deleted = await check('a deleted use', { deleted: true })
    assert.isAtLeast(deleted.uses, 1)

    // A card's background data, a withdrawn card, a card moved to a distributor in another area.
    await registry.from('cards').where('id', d1Women[0].id).update({
      gender: 'man',
      mother_tongues: 'sv,fi',
      birth_year: 2008,
      life_situation: 'student',
      updated_at: now(),
    })
    await registry.from('cards').where('id', d2Women[0].id).update({
      status: 'withdrawn',
      ended_on: today().toISODate(),
      updated_at: now(),
    })
    await registry.from('cards').where('id', d1Women[3].id).update({
      issuing_organisation_id: world.d3.id,
      type: 'community',
      updated_at: now(),
    })
    await check('changed cards')

    // An organisation moved to another area (its cards and its uses go with it); an offer's genre.
    await registry
      .from('organisations')
      .where('id', world.d1.id)
      .update({ area_id: world.areaB.id, updated_at: now() })
    await registry
      .from('organisations')
      .where('id', world.v1.id)
      .update({ area_id: world.areaB.id, updated_at: now() })
    const otherGenre = await registry
      .from('genres')
      .whereNull('parent_id')
      .whereNot('id', offer1.genreId)
      .firstOrFail()
    await registry
      .from('offers')
      .where('id', offer1.id)
      .update({ genre_id: otherGenre.id, updated_at: now() })
    await check('an organisation moved and a genre changed')

    // A new day: a card whose validity ended yesterday is no longer valid now, with no change of
    // its own. The summaries are put back as the refresh two days ago left them (the card valid).
    const ending = d2Men[2]
    await registry
      .from('cards')
      .where('id', ending.id)
      .update({ valid_until: today().minus({ days: 1 }).toISODate(), updated_at: now() })
    await refreshSummaries({ full: true })
    await registry
      .from('cards')
      .where('id', ending.id)
      .update({ updated_at: toSqlDateTime(DateTime.now().minus({ hours: 1 })) })
    await registry
      .from('stat_refreshes')
      .update({ valid_on: today().minus({ days: 2 }).toISODate() })
    await registry.from('stat_card_facts').where('card_id', ending.id).update({ valid_now: 1 })
    await registry
      .from('stat_card_months')
      .where({
        organisation_id: ending.issuingOrganisationId,
        year: ending.issuedOn.year,
        month: ending.issuedOn.month,
        card_type: ending.type,
      })
      .update({ valid_now: registry.raw('valid_now + 1') })
    const newDay = await check('a new day')
    assert.isAtLeast(newDay.cards, 1)
  })
})
