import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createArea, createUser } from '#tests/helpers/fixtures'
import { buildStatsWorld } from '#tests/helpers/stats'
import { readCsv } from '#tests/helpers/csv'
import { urlFor } from '@adonisjs/core/services/url_builder'

test.group('Statistics pages', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('each role lands on its own dashboard; others answer not found', async ({ client }) => {
    const world = await buildStatsWorld()
    const coordinator = await createUser('area_coordinator', { area: world.areaA })
    const distributor = await createUser('distributor', { organisation: world.d1 })
    const venue = await createUser('venue', { organisation: world.v1 })
    const agent = await createUser('ticket_agent')
    for (const [user, home] of [
      [coordinator, urlFor('dashboards.show', { dashboard: 'area' })],
      [distributor, urlFor('dashboards.show', { dashboard: 'distributor' })],
      [venue, urlFor('dashboards.show', { dashboard: 'venue' })],
    ] as const) {
      const landing = await client.get(urlFor('dashboards.index')).redirects(0).loginAs(user)
      landing.assertStatus(302)
      landing.assertHeader('location', home)
    }
    ;(await client.get(urlFor('dashboards.index')).loginAs(agent)).assertStatus(404)

    const page = await client
      .get(urlFor('dashboards.show', { dashboard: 'area' }))
      .loginAs(coordinator)
    page.assertStatus(200)
    page.assertTextIncludes(`Tilastot: ${world.areaA.name}`)
    page.assertTextIncludes('34,8 %')
  })

  test('a coordinator, a distributor and a venue cannot see another area or organisation', async ({
    client,
  }) => {
    const world = await buildStatsWorld()
    const coordinator = await createUser('area_coordinator', { area: world.areaA })
    const distributor = await createUser('distributor', { organisation: world.d1 })
    const venue = await createUser('venue', { organisation: world.v1 })
    for (const url of [
      urlFor('dashboards.show', { dashboard: 'area' }, { qs: { area: world.areaB.id } }),
      urlFor(
        'dashboards.show',
        { dashboard: 'area', section: 'background' },
        { qs: { area: world.areaB.id } }
      ),
      urlFor(
        'dashboards.export',
        { dashboard: 'area', file: 'cards_per_year.csv' },
        { qs: { area: world.areaB.id } }
      ),
      urlFor('dashboards.report', {}, { qs: { area: world.areaB.id } }),
      urlFor(
        'dashboards.show',
        { dashboard: 'distributor' },
        { qs: { organisation: world.d1.id } }
      ),
      urlFor('dashboards.show', { dashboard: 'venue' }, { qs: { organisation: world.v1.id } }),
    ]) {
      ;(await client.get(url).loginAs(coordinator)).assertStatus(404)
    }
    ;(
      await client
        .get(
          urlFor(
            'dashboards.show',
            { dashboard: 'distributor' },
            { qs: { organisation: world.d2.id } }
          )
        )
        .loginAs(distributor)
    ).assertStatus(404)
    ;(
      await client
        .get(
          urlFor(
            'dashboards.export',
            { dashboard: 'distributor', file: 'where_used.csv' },
            { qs: { organisation: world.d3.id } }
          )
        )
        .loginAs(distributor)
    ).assertStatus(404)
    ;(
      await client.get(urlFor('dashboards.show', { dashboard: 'area' })).loginAs(distributor)
    ).assertStatus(404)
    ;(
      await client
        .get(
          urlFor('dashboards.show', { dashboard: 'venue' }, { qs: { organisation: world.v2.id } })
        )
        .loginAs(venue)
    ).assertStatus(404)
    ;(
      await client.get(urlFor('dashboards.show', { dashboard: 'distributor' })).loginAs(venue)
    ).assertStatus(404)
    ;(await client.get('/stats/area/nonsense').loginAs(coordinator)).assertStatus(404)
    ;(await client.get('/stats/area/export/nonsense.csv').loginAs(coordinator)).assertStatus(404)
    ;(await client.get(urlFor('dashboards.show', { dashboard: 'area' })).redirects(0)).assertStatus(
      302
    )
  })

  test('the national centre chooses any area or organisation', async ({ client }) => {
    const world = await buildStatsWorld()
    const admin = await createUser('admin')
    const area = await client
      .get(urlFor('dashboards.show', { dashboard: 'area' }, { qs: { area: world.areaB.id } }))
      .loginAs(admin)
    area.assertTextIncludes(`Tilastot: ${world.areaB.name}`)
    const country = await client
      .get(urlFor('dashboards.show', { dashboard: 'area' }))
      .loginAs(admin)
    country.assertTextIncludes('Tilastot: koko maa')
    const chooser = await client
      .get(
        urlFor('dashboards.show', { dashboard: 'distributor' }, { qs: { area: world.areaA.id } })
      )
      .loginAs(admin)
    chooser.assertTextIncludes(world.d1.name)
    const organisation = await client
      .get(
        urlFor(
          'dashboards.show',
          { dashboard: 'distributor' },
          { qs: { organisation: world.d1.id } }
        )
      )
      .loginAs(admin)
    organisation.assertTextIncludes(`Tilastot: ${world.d1.name}`)
  })

  test('CSV and XLSX of a statistic, with small counts written as on the page', async ({
    client,
    assert,
  }) => {
    const world = await buildStatsWorld()
    const coordinator = await createUser('area_coordinator', { area: world.areaA })
    const csv = await client
      .get(urlFor('dashboards.export', { dashboard: 'area', file: 'cards_by_gender.csv' }))
      .loginAs(coordinator)
    csv.assertStatus(200)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    const rows = readCsv(csv.text())
    assert.deepInclude(rows, ['Rekisteröidyt ja käytetyt kortit sukupuolen mukaan'])
    assert.deepInclude(rows, ['Nainen', '14', '×', '×'])
    // Hidden counts are written as on the page; a count is a number, not text.
    assert.deepInclude(rows, ['Muu', '< 5', '0', '×'])
    assert.include(csv.text(), '"Nainen",14,')

    const xlsx = await client
      .get(
        urlFor(
          'dashboards.export',
          { dashboard: 'area', file: 'cards_per_year.xlsx' },
          { qs: { year: world.year } }
        )
      )
      .loginAs(coordinator)
    xlsx.assertStatus(200)
    assert.equal(
      xlsx.header('content-type'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
    assert.include(xlsx.header('content-disposition'), '.xlsx')
  })

  test('the printable report has every section, and the public page needs no sign-in', async ({
    client,
  }) => {
    const world = await buildStatsWorld()
    const coordinator = await createUser('area_coordinator', { area: world.areaA })
    const report = await client.get(urlFor('dashboards.report')).loginAs(coordinator)
    report.assertStatus(200)
    for (const heading of ['Yleiskuva', 'Kortit', 'Käytöt', 'Taustatiedot', 'Vertailu']) {
      report.assertTextIncludes(heading)
    }
    report.assertTextIncludes('report-section')

    const { area } = await createArea()
    const publicPage = await client.get(urlFor('public_statistics.show'))
    publicPage.assertStatus(200)
    publicPage.assertTextIncludes('Kaikukortti lukuina')
    publicPage.assertTextIncludes(world.areaA.name)
    publicPage.assertTextIncludes(area.name)
  })
})
