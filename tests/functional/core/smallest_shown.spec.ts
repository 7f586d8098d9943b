import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import privacyConfig from '#config/privacy'
import Organisation from '#registry/models/organisation'
import UseFeedback from '#usage/models/use_feedback'
import { recordCardAnswers } from '#surveys/services/card_wellbeing'
import { createArea, createUser, issueCard } from '#tests/helpers/fixtures'
import { createOccurrence, createOffer, recordUse } from '#tests/helpers/offer_fixtures'
import { buildStatsWorld } from '#tests/helpers/stats'
import { readCsv } from '#tests/helpers/csv'
import { today } from '#core/services/time'

/*
| The smallest number shown has one home, config/privacy.ts. Set to 10, every
| page, export and text that applies it follows: groups of 5 to 9 are hidden
| too, and the texts say 10.
*/
test.group('The smallest number shown, changed to 10', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())
  group.each.setup(() => {
    const configured = privacyConfig.smallestShown
    privacyConfig.smallestShown = 10
    return () => {
      privacyConfig.smallestShown = configured
    }
  })

  test('statistics: counts below 10 are hidden on the page and in the CSV, and the notes say 10', async ({
    client,
    assert,
  }) => {
    const world = await buildStatsWorld()
    const coordinator = await createUser('area_coordinator', { area: world.areaA })

    const dashboard = await client
      .get(urlFor('dashboards.show', { dashboard: 'area' }))
      .loginAs(coordinator)
    dashboard.assertTextIncludes('Taustatietojen luvut, jotka ovat alle 10, näytetään muodossa')

    const page = await client
      .get(urlFor('dashboards.show', { dashboard: 'area', section: 'background' }))
      .loginAs(coordinator)
    page.assertStatus(200)
    page.assertTextIncludes('&lt; 10 = alle 10.')
    page.assertTextIncludes('<span class="visually-hidden">alle 10</span>')
    assert.notInclude(page.text(), '&lt; 5')

    const csv = await client
      .get(urlFor('dashboards.export', { dashboard: 'area', file: 'cards_by_gender.csv' }))
      .loginAs(coordinator)
    const rows = readCsv(csv.text())
    // Registered: women 14, men 8, other 1. Men (8) were shown with 5; with 10 they are "< 10".
    const men = rows.find((row) => row[0] === 'Mies')
    assert.equal(men?.[1], '< 10')
    assert.notInclude(csv.text(), '< 5')
  })

  test('wellbeing results: 5 to 9 answers are not shown, and the page and the CSV say so', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const organisation = await Organisation.create({
      name: 'Jakaja kynnys',
      type: 'distributor',
      areaId: area.id,
      active: true,
    })
    const distributor = await createUser('distributor', { organisation })
    for (const swb of [5, 6, 7, 8, 9, 7]) {
      const card = await issueCard(distributor, { swb: null })
      await db
        .connection('registry')
        .transaction((trx) => recordCardAnswers(trx, card.id, 'issue', today(), { swb: [swb] }))
    }
    const coordinator = await createUser('area_coordinator', { area })
    const page = await client.get(urlFor('wellbeing_results.show')).loginAs(coordinator)
    page.assertTextIncludes('Alle 10 vastauksen ryhmiä ei näytetä.')
    page.assertTextIncludes('Vastauksia 6: alle 10 vastauksen tuloksia ei näytetä.')

    const csv = await client.get(urlFor('wellbeing_results.csv')).loginAs(coordinator)
    const swbRow = readCsv(csv.text()).find((row) => row[3] === '6')
    assert.exists(swbRow)
    assert.notMatch(swbRow![4], /\d/)
  })

  test("venue feedback: 5 to 9 answers give no averages, and the venue's page says 10", async ({
    client,
  }) => {
    const venueUser = await createUser('venue')
    const venue = await Organisation.findOrFail(venueUser.organisationId)
    const offer = await createOffer(venue, { title: 'Kynnysesitys' })
    const past = await createOccurrence(offer, { daysAhead: -7 })
    const distributor = await createUser('distributor')
    for (let i = 0; i < 6; i++) {
      const card = await issueCard(distributor)
      const use = await recordUse(card.code, offer, past)
      await UseFeedback.create({
        useId: use.id,
        offerId: offer.id,
        accessibility: 4,
        meaning: 4,
        interest: 4,
        meaningful: true,
      })
    }
    const page = await client.get(urlFor('feedback_summaries.index')).loginAs(venueUser)
    page.assertTextIncludes('vähintään 10 kortinhaltijaa on vastannut')
    page.assertTextIncludes('Alle 10 vastausta: keskiarvoja ei näytetä.')
  })
})
