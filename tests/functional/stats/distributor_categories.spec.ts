import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type Organisation from '#registry/models/organisation'
import type { DistributorCategory } from '#registry/models/organisation'
import { dashboardSection } from '#stats/services/dashboards'
import { refreshSummaries } from '#stats/services/summary_refresh'
import { today } from '#core/services/time'
import { createArea, createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'

/*
| The distributors' peer comparison by category (issue 21): a distributor
| compares itself with the distributors of its own category in the whole
| country, and a group with fewer than three other distributors stays hidden.
| The categories chosen here are ones the demo data does not use.
*/
async function distributor(category: DistributorCategory | null, cards: number) {
  const { area } = await createArea()
  const organisation = await createOrganisation('distributor', area)
  organisation.distributorCategory = category
  await organisation.save()
  const user = await createUser('distributor', { organisation })
  for (let index = 0; index < cards; index++) await issueCard(user, { childrenCount: 0 })
  return { organisation, user }
}

async function comparisonRows(organisation: Organisation) {
  const { tables } = await dashboardSection('distributor', 'comparison', {
    scope: {
      areaId: organisation.areaId,
      organisationId: organisation.id,
      organisationType: 'distributor',
    },
    filters: { year: today().year, quarter: null },
    t: (key, data) => (data ? `${key} ${JSON.stringify(data)}` : key),
    locale: 'fi',
  })
  return tables.find((table) => table.key === 'distributor_comparison')!.rows
}

test.group('Statistics: distributors compared within their category', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a distributor is compared with its own category; a category with too few others is hidden', async ({
    assert,
    client,
  }) => {
    // Outreach youth work: this one (4 cards) and three others (2, 4, 6 cards).
    const own = await distributor('outreach_youth_work', 4)
    for (const cards of [2, 4, 6]) await distributor('outreach_youth_work', cards)
    // Another category with many cards, which must not count in the group.
    await distributor('mental_health_substance', 12)
    // Debt counselling: this one and only two others.
    const lonely = await distributor('debt_counselling', 3)
    for (const cards of [1, 1]) await distributor('debt_counselling', cards)
    await refreshSummaries({ full: true })

    const rows = await comparisonRows(own.organisation)
    assert.include(String(rows[2].group), 'admin.distributor_category.outreach_youth_work')
    assert.deepEqual(
      [rows[2].organisations, rows[2].registered_median, rows[2].usage_rate],
      [4, 4, 0]
    )

    const hidden = await comparisonRows(lonely.organisation)
    assert.include(String(hidden[2].group), 'admin.distributor_category.debt_counselling')
    assert.deepEqual([hidden[2].registered_median, hidden[2].usage_rate], [null, null])

    // The distributor's own page names the category group.
    const page = await client
      .get(urlFor('dashboards.show', { dashboard: 'distributor', section: 'comparison' }))
      .loginAs(own.user)
    page.assertStatus(200)
    page.assertTextIncludes('Saman luokan jakajat koko maassa: Etsivä nuorisotyö')
  })
})
