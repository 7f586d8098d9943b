import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import PrintRun from '#registry/models/print_run'
import Card from '#registry/models/card'
import ReplacedCode from '#registry/models/replaced_code'
import CardCheckService from '#registry/services/card_check_service'
import { checkCharacter, parseCardCode } from '#registry/services/card_code'
import { generatePrintRun, generateWaitingPrintRuns } from '#registry/services/print_run_generation'
import { orderPrintRun } from '#registry/services/print_runs'
import { createArea, createOrganisation, createUser, issueCard } from '#tests/helpers/fixtures'
import { codesOf, printRunForm, readyRun, waitForRun } from '#tests/helpers/print_runs'
import { readCsv } from '#tests/helpers/csv'
import { toSqlDateTime } from '#core/services/time'
import printRunsConfig from '#config/print_runs'

const countRuns = async () => Number((await PrintRun.query().count('* as total'))[0].$extras.total)

/** A code maker that says the given codes first, then random valid ones: a collision on demand. */
function seeded(first: string[]) {
  const queue = [...first]
  let counter = 0
  return () => {
    const next = queue.shift()
    if (next) return next
    const data = (counter++)
      .toString(32)
      .toUpperCase()
      .padStart(8, '0')
      .replace(/[ILOU]/g, 'X')
    return data + checkCharacter(data)
  }
}

test.group('Print runs: ordering', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('the national centre orders a run; its codes are reserved and a double submit makes one run', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area } = await createArea()
    const distributor = await createOrganisation('distributor', area)
    const form = printRunForm({ quantity: '40', areaId: area.id, organisationId: distributor.id })
    const before = await countRuns()

    const first = await client
      .post(urlFor('print_runs.store'))
      .form(form)
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    const run = await PrintRun.findByOrFail('submission_key', form.submissionKey)
    first.assertHeader('location', urlFor('print_runs.show', { id: run.id }))
    const again = await client
      .post(urlFor('print_runs.store'))
      .form(form)
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    again.assertHeader('location', urlFor('print_runs.show', { id: run.id }))
    assert.equal(await countRuns(), before + 1)

    const done = await waitForRun(run.id)
    assert.equal(done.status, 'ready')
    assert.equal(done.codesDone, 40)
    assert.equal(done.areaId, area.id)
    assert.equal(done.organisationId, distributor.id)
    const codes = await codesOf(done)
    assert.lengthOf(codes, 40)
    assert.lengthOf(new Set(codes), 40)
    for (const code of codes) assert.isTrue(parseCardCode(code).ok, code)

    const page = await client.get(urlFor('print_runs.show', { id: run.id })).loginAs(admin)
    page.assertTextIncludes('Kaikki 40 koodia on varattu')
    page.assertTextIncludes('PDF: kortti sivulle (85,6 × 54 mm)')
    assert.notInclude(page.text(), 'http-equiv="refresh"')
    assert.notInclude(page.text(), 'hx-trigger="every 1s"')
  })

  test('the form refuses a wrong quantity next to the field, in Finnish, keeping the input', async ({
    client,
    assert,
  }) => {
    const coordinator = await createUser('area_coordinator')
    const before = await countRuns()
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ quantity: '0' }, 'quantity', 'Korttien määrän pitää olla vähintään 1.'],
      [
        { quantity: String(printRunsConfig.maxQuantity + 1) },
        'quantity',
        'Yhdellä tilauksella voi painaa enintään 10\u00a0000 korttia.',
      ],
      [{ quantity: 'kymmenen' }, 'quantity', 'Kirjoita korttien määrä numeroina.'],
      [{ quantity: '' }, 'quantity', 'Kirjoita korttien määrä.'],
      [{ cardType: 'gold' }, 'cardType', 'korttityyppi'],
      [{ language: 'de' }, 'language', 'kortin kieli'],
    ]
    for (const [overrides, field, message] of cases) {
      const page = await client
        .post(urlFor('print_runs.store'))
        .form(printRunForm({ language: 'sv', ...overrides }))
        .withCsrfToken()
        .header('referer', urlFor('print_runs.create'))
        .loginAs(coordinator)
      page.assertTextIncludes(message)
      assert.include(page.text(), `id="${field}-error"`, JSON.stringify(overrides))
      if (field !== 'language') {
        if (overrides.quantity) assert.include(page.text(), `value="${overrides.quantity}"`)
        assert.match(
          page.text(),
          /name="language" id="language-sv" value="sv"\s+checked/,
          'the input is kept'
        )
      }
    }
    assert.equal(await countRuns(), before)
  })

  test('the national centre must choose an area, and a distributor of that area', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area } = await createArea()
    const elsewhere = await createOrganisation('distributor')
    const before = await countRuns()
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{}, 'areaId', 'Valitse alue listasta.'],
      [
        { areaId: area.id, organisationId: elsewhere.id },
        'organisationId',
        'Kortinjakajan pitää olla valitun alueen kortinjakaja.',
      ],
    ]
    for (const [overrides, field, message] of cases) {
      const page = await client
        .post(urlFor('print_runs.store'))
        .form(printRunForm({ quantity: '120', ...overrides }))
        .withCsrfToken()
        .header('referer', urlFor('print_runs.create'))
        .loginAs(admin)
      page.assertTextIncludes(message)
      assert.include(page.text(), `id="${field}-error"`)
      assert.include(page.text(), 'value="120"', 'the quantity is kept')
    }
    assert.equal(await countRuns(), before)
  })

  test('a form without its CSRF token is refused', async ({ client, assert }) => {
    const admin = await createUser('admin')
    const { area } = await createArea()
    const before = await countRuns()
    const response = await client
      .post(urlFor('print_runs.store'))
      .form(printRunForm({ areaId: area.id }))
      .loginAs(admin)
    assert.notEqual(response.status(), 200)
    assert.equal(await countRuns(), before)
  })

  test("a coordinator orders for their own area only and never sees another area's run", async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const other = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const ownDistributor = await createOrganisation('distributor', area)
    const otherDistributor = await createOrganisation('distributor', other.area)

    const form = printRunForm({ quantity: '3', areaId: other.area.id })
    await client.post(urlFor('print_runs.store')).form(form).withCsrfToken().loginAs(coordinator)
    const own = await waitForRun(
      (await PrintRun.findByOrFail('submission_key', form.submissionKey)).id
    )
    assert.equal(own.areaId, area.id, 'the area is fixed to the own one')

    const refused = await client
      .post(urlFor('print_runs.store'))
      .form(printRunForm({ organisationId: otherDistributor.id }))
      .withCsrfToken()
      .header('referer', urlFor('print_runs.create'))
      .loginAs(coordinator)
    refused.assertTextIncludes('Kortinjakajan pitää olla valitun alueen kortinjakaja.')
    assert.include(refused.text(), 'id="organisationId-error"')

    const withOwn = printRunForm({ quantity: '2', organisationId: ownDistributor.id })
    await client.post(urlFor('print_runs.store')).form(withOwn).withCsrfToken().loginAs(coordinator)
    await waitForRun((await PrintRun.findByOrFail('submission_key', withOwn.submissionKey)).id)

    const admin = await createUser('admin')
    const foreign = await readyRun(admin, other.area, { quantity: 2 })
    for (const url of [
      urlFor('print_runs.show', { id: foreign.id }),
      urlFor('print_runs.confirm_cancel', { id: foreign.id }),
      urlFor('print_runs.csv', { id: foreign.id }),
      urlFor('print_runs.pdf', { id: foreign.id, layout: 'card' }),
    ]) {
      const response = await client.get(url).loginAs(coordinator)
      assert.equal(response.status(), 404, url)
    }
    const cancel = await client
      .post(urlFor('print_runs.cancel', { id: foreign.id }))
      .withCsrfToken()
      .loginAs(coordinator)
    assert.equal(cancel.status(), 404)
    assert.equal((await PrintRun.findOrFail(foreign.id)).status, 'ready')

    const list = await client.get(urlFor('print_runs.index')).loginAs(coordinator)
    list.assertTextIncludes(`Korttipainatus ${own.id}`)
    assert.notInclude(list.text(), `Korttipainatus ${foreign.id}<`)
    const all = await client.get(urlFor('print_runs.index')).loginAs(admin)
    all.assertTextIncludes(`Korttipainatus ${foreign.id}`)
    all.assertTextIncludes(`Korttipainatus ${own.id}`)
  })

  test('distributors and venues cannot order or see print runs', async ({ client, assert }) => {
    for (const role of ['distributor', 'venue'] as const) {
      const user = await createUser(role)
      const page = await client.get(urlFor('print_runs.index')).loginAs(user)
      assert.include([403, 404], page.status(), role)
    }
  })
})

test.group('Print runs: reserving codes', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a code a card, a replaced card or another run holds is never reserved again: the run still gets N unique codes', async ({
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area } = await createArea()
    const distributor = await createUser('distributor')
    const card = await issueCard(distributor)
    const earlier = await readyRun(admin, area, { quantity: 3 })
    const earlierCodes = await codesOf(earlier)
    const lostCode = 'Y0000000' + checkCharacter('Y0000000')
    await ReplacedCode.create({ oldCode: lostCode, cardId: card.id, replacedAt: DateTime.utc() })

    // The generator first says a card's code, a lost card's old code, an earlier run's codes and the same code twice.
    const maker = seeded([
      card.code,
      lostCode,
      ...earlierCodes,
      earlierCodes[0],
      'Z0000000' + checkCharacter('Z0000000'),
      'Z0000000' + checkCharacter('Z0000000'),
    ])
    const run = await readyRun(admin, area, { quantity: 10 }, maker)
    const codes = await codesOf(run)
    assert.equal(run.status, 'ready')
    assert.equal(run.codesDone, 10)
    assert.lengthOf(codes, 10)
    assert.lengthOf(new Set(codes), 10)
    assert.notInclude(codes, card.code)
    assert.notInclude(codes, lostCode)
    for (const code of earlierCodes) assert.notInclude(codes, code)
    assert.include(codes, 'Z0000000' + checkCharacter('Z0000000'))
  })

  test('batches move the progress; a stalled run is taken over and finished, a live one is left alone', async ({
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area } = await createArea()
    const quantity = printRunsConfig.batchSize * 2 + 7
    const order = (key: string) =>
      orderPrintRun(admin, {
        cardType: 'community',
        language: 'fi_sv',
        quantity,
        areaId: area.id,
        submissionKey: key,
      })
    const stalled = await order('00000000-0000-4000-8000-000000000001')
    const live = await order('00000000-0000-4000-8000-000000000002')
    // The stalled run's worker died after its first batch; the live one's has just written.
    const old = toSqlDateTime(
      DateTime.utc().minus({ seconds: printRunsConfig.stalledAfterSeconds + 5 })
    )
    await db
      .connection('registry')
      .from('print_runs')
      .where('id', stalled.id)
      .update({ status: 'generating', updated_at: old })
    await db
      .connection('registry')
      .from('print_runs')
      .where('id', live.id)
      .update({ status: 'generating', updated_at: toSqlDateTime(DateTime.utc()) })
    await db
      .connection('registry')
      .table('printed_codes')
      .insert({ code: 'Y0000000' + checkCharacter('Y0000000'), print_run_id: stalled.id })

    assert.isFalse(await generatePrintRun(live.id), 'a run with a live worker is not claimed')
    await generateWaitingPrintRuns()
    const finished = await PrintRun.findOrFail(stalled.id)
    assert.equal(finished.status, 'ready')
    assert.equal(finished.codesDone, quantity)
    const codes = await codesOf(finished)
    assert.lengthOf(new Set(codes), quantity)
    assert.equal(
      codes[0],
      'Y0000000' + checkCharacter('Y0000000'),
      'the codes already reserved are kept'
    )
    assert.equal((await PrintRun.findOrFail(live.id)).status, 'generating')
  })

  test('the run page polls with htmx while codes are reserved, and refreshes itself without JavaScript', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area } = await createArea()
    const run = await orderPrintRun(admin, {
      cardType: 'personal',
      language: 'fi',
      quantity: 10,
      areaId: area.id,
      submissionKey: '00000000-0000-4000-8000-000000000003',
    })
    const page = await client.get(urlFor('print_runs.show', { id: run.id })).loginAs(admin)
    assert.include(page.text(), '<noscript><meta http-equiv="refresh" content="2"></noscript>')
    assert.include(page.text(), 'hx-trigger="every 1s"')
    assert.match(page.text(), /<label for="print-run-bar">Koodien varaus<\/label>/)
    assert.match(page.text(), /<progress id="print-run-bar" max="10" value="0">/)
    assert.include(page.text(), 'role="status"')

    const fragment = await client
      .get(urlFor('print_runs.show', { id: run.id }))
      .header('hx-request', 'true')
      .loginAs(admin)
    assert.notInclude(fragment.text(), '<html')
    assert.include(fragment.text(), 'id="print-run-progress"')
    assert.include(fragment.text(), '0 / 10 koodia varattu.')
  })
})

test.group('Print runs: cancelling, the card check and the CSV', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a cancelled run stops its unused codes; a card registered from it goes on working', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const coordinator = await createUser('area_coordinator', { area })
    const run = await readyRun(coordinator, area, { quantity: 4 })
    const [registeredCode, unusedCode] = await codesOf(run)
    const checks = new CardCheckService()
    assert.equal((await checks.check(unusedCode)).status, 'not_registered')

    // A distributor registers one printed card.
    const card = await issueCard(await createUser('distributor'))
    await Card.query().where('id', card.id).update({ code: registeredCode })
    assert.equal((await checks.check(registeredCode)).status, 'valid')

    const list = await client.get(urlFor('print_runs.index')).loginAs(coordinator)
    assert.match(
      list.text(),
      /<td class="numeric">4<\/td>\s*<td class="numeric">1<\/td>\s*<td class="numeric">3<\/td>/
    )

    const confirm = await client
      .get(urlFor('print_runs.confirm_cancel', { id: run.id }))
      .loginAs(coordinator)
    confirm.assertTextIncludes('3 käyttämätöntä koodia lakkaa toimimasta.')
    confirm.assertTextIncludes('1 jo rekisteröity kortti toimii edelleen.')
    const cancelled = await client
      .post(urlFor('print_runs.cancel', { id: run.id }))
      .withCsrfToken()
      .loginAs(coordinator)
      .redirects(0)
    cancelled.assertHeader('location', urlFor('print_runs.show', { id: run.id }))
    assert.equal((await PrintRun.findOrFail(run.id)).status, 'cancelled')

    assert.equal((await checks.check(unusedCode)).status, 'cancelled')
    assert.equal((await checks.check(registeredCode)).status, 'valid')
    const csv = await client.get(urlFor('print_runs.csv', { id: run.id })).loginAs(coordinator)
    assert.equal(csv.status(), 404, 'a cancelled run is no longer printed')
  })

  test('the CSV lists every code of the run for the print house', async ({ client, assert }) => {
    const admin = await createUser('admin')
    const { area } = await createArea()
    const run = await readyRun(admin, area, { quantity: 12, cardType: 'community', language: 'sv' })
    const response = await client.get(urlFor('print_runs.csv', { id: run.id })).loginAs(admin)
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'text/csv')
    assert.include(response.header('content-disposition'), `kaikukortit-${run.id}.csv`)
    const rows = readCsv(response.text())
    assert.deepEqual(rows[0], ['number', 'code', 'code_printed', 'card_type', 'language'])
    const codes = await codesOf(run)
    assert.lengthOf(rows, 13)
    rows.slice(1).forEach((row, index) => {
      assert.deepEqual(row, [
        String(index + 1),
        codes[index],
        `${codes[index].slice(0, 3)}-${codes[index].slice(3, 6)}-${codes[index].slice(6)}`,
        'community',
        'sv',
      ])
    })
  })
})
