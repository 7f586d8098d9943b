import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type Area from '#registry/models/area'
import Organisation from '#registry/models/organisation'
import { recordCardAnswers, type CardAnswers } from '#surveys/services/card_wellbeing'
import type { AnswerContext } from '#surveys/services/instruments'
import { createArea, createUser, issueCard } from '#tests/helpers/fixtures'
import { today } from '#core/services/time'
import { readCsv } from '#tests/helpers/csv'
import { urlFor } from '@adonisjs/core/services/url_builder'

/** Cards of an area, each with the given answers recorded on the given day. */
async function answered(
  area: Area,
  answers: { context: AnswerContext; daysAgo: number; values: CardAnswers }[][]
) {
  const organisation = await Organisation.create({
    name: `Jakaja ${area.id}-${Math.random()}`,
    type: 'distributor',
    areaId: area.id,
    active: true,
  })
  const distributor = await createUser('distributor', { organisation })
  for (const perCard of answers) {
    const card = await issueCard(distributor, { swb: null })
    for (const { context, daysAgo, values } of perCard) {
      await db
        .connection('registry')
        .transaction((trx) =>
          recordCardAnswers(trx, card.id, context, today().minus({ days: daysAgo }), values)
        )
    }
  }
}

test.group('Wellbeing results', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a coordinator sees their area: means, distribution and paired change; fewer than five are not shown', async ({
    client,
  }) => {
    const { area } = await createArea()
    const { area: small } = await createArea()
    // Five cards: SWB at issue (a year ago, 4) and at extension (this year, 5–9); WHO-5 in OmaKaiku (raw 15 = 60).
    await answered(
      area,
      [5, 6, 7, 8, 9].map((swb) => [
        { context: 'issue', daysAgo: 400, values: { swb: [4] } },
        { context: 'extension', daysAgo: 0, values: { swb: [swb], impact: [8] } },
        { context: 'omakaiku', daysAgo: 0, values: { who5: [3, 3, 3, 3, 3] } },
      ])
    )
    await answered(
      small,
      [1, 2, 3, 4].map((swb) => [{ context: 'issue', daysAgo: 0, values: { swb: [swb] } }])
    )
    const coordinator = await createUser('area_coordinator', { area })
    const page = await client.get(urlFor('wellbeing_results.show')).loginAs(coordinator)
    page.assertStatus(200)
    page.assertTextIncludes('Vastauksia 5 · keskiarvo 7 (0–10)')
    page.assertTextIncludes('keskiarvo 60 (prosenttipisteet 0–100)')
    page.assertTextIncludes('5 korttia: ensimmäinen vastaus keskimäärin 4, uusin 7, muutos +3.')
    // The participation indicator has no answers here.
    page.assertTextIncludes('Vastauksia 0: alle 5 vastauksen tuloksia ei näytetä.')

    const other = await createUser('area_coordinator', { area: small })
    const smallPage = await client.get(urlFor('wellbeing_results.show')).loginAs(other)
    smallPage.assertTextIncludes('Vastauksia 4: alle 5 vastauksen tuloksia ei näytetä.')
  })

  test("a coordinator asking for another area's results gets not found; the national centre sees every area", async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const { area: other } = await createArea()
    await answered(
      area,
      [5, 6, 7, 8, 9].map((swb) => [{ context: 'issue', daysAgo: 0, values: { swb: [swb] } }])
    )
    await answered(other, [[{ context: 'issue', daysAgo: 0, values: { swb: [2] } }]])
    const coordinator = await createUser('area_coordinator', { area })
    ;(
      await client
        .get(urlFor('wellbeing_results.show', {}, { qs: { area: other.id } }))
        .loginAs(coordinator)
    ).assertStatus(404)
    ;(
      await client
        .get(urlFor('wellbeing_results.csv', {}, { qs: { area: other.id } }))
        .loginAs(coordinator)
    ).assertStatus(404)

    const admin = await createUser('admin')
    const national = await client.get(urlFor('wellbeing_results.show')).loginAs(admin)
    national.assertTextIncludes(area.name)
    national.assertTextIncludes(other.name)
    national.assertTextIncludes('alle 5')
    const csv = await client
      .get(urlFor('wellbeing_results.csv', {}, { qs: { area: area.id } }))
      .loginAs(admin)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    const rows = readCsv(csv.text())
    const row = (name: string) => rows.find((cells) => cells[0] === name)!.slice(0, 5)
    assert.deepEqual(row('Koettu hyvinvointi (SWB)'), [
      'Koettu hyvinvointi (SWB)',
      String(today().year),
      area.name,
      '5',
      '7',
    ])
    assert.deepEqual(row('THL:n osallisuusindikaattori'), [
      'THL:n osallisuusindikaattori',
      String(today().year),
      area.name,
      '0',
      'ei näytetä',
    ])
  })

  test('venues and distributors cannot open the results', async ({ client }) => {
    ;(
      await client.get(urlFor('wellbeing_results.show')).loginAs(await createUser('venue'))
    ).assertStatus(404)
    ;(
      await client.get(urlFor('wellbeing_results.show')).loginAs(await createUser('distributor'))
    ).assertStatus(404)
  })
})
