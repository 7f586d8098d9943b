import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Organisation from '#registry/models/organisation'
import ImportRun, { type ImportRunStatus } from '#imports/models/import_run'
import importsConfig from '#config/imports'
import { runJob } from '#messaging/services/job_runner'
import { refusalsOf } from '#imports/services/import_report'
import { createArea, createUser } from '#tests/helpers/fixtures'
import { csv, importFile, runImportOf, waitForImportRun } from '#tests/helpers/imports'
import { readCsv } from '#tests/helpers/csv'

const HEADER = ['id', 'name', 'type', 'area', 'municipality', 'category']

/** An organisations file of `count` distributors in a new area, and that area. */
async function organisationsFile(
  count: number,
  change: (row: string[], index: number) => void = () => {}
) {
  const { area, municipality } = await createArea()
  const rows = Array.from({ length: count }, (_, index) => {
    const row = [
      `OLD-${index + 1}`,
      `Jakaja ${index + 1}`,
      'jakaja',
      area.name,
      municipality.name,
      '',
    ]
    change(row, index)
    return row
  })
  return { area, path: await importFile('organisations.csv', csv(HEADER, ...rows)) }
}

const importedIn = (areaId: number) => Organisation.query().where('area_id', areaId)

test.group('Imports: a file checked, then imported whole', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a dry run counts what would change and writes nothing; the real run writes it all; the same file again changes nothing', async ({
    assert,
  }) => {
    const { area, path } = await organisationsFile(25)

    const checked = await runImportOf('organisations', path, true)
    assert.equal(checked.status, 'done')
    assert.deepInclude(checked.serialize(), { rowsTotal: 25, rowsDone: 25, added: 25, refused: 0 })
    assert.lengthOf(await importedIn(area.id), 0)

    const imported = await runImportOf('organisations', path, false)
    assert.equal(imported.status, 'done')
    assert.equal(imported.added, 25)
    const organisations = await importedIn(area.id).orderBy('id')
    assert.lengthOf(organisations, 25)
    assert.equal(organisations[0].name, 'Jakaja 1')

    const again = await runImportOf('organisations', path, false)
    assert.deepInclude(again.serialize(), { added: 0, updated: 0, skipped: 25, refused: 0 })
    assert.lengthOf(await importedIn(area.id), 25)
  })

  test('when the last row is refused, nothing of the file is imported', async ({ assert }) => {
    const { area, path } = await organisationsFile(30, (row, index) => {
      if (index === 29) row[4] = 'Ei tällaista kuntaa'
    })
    const run = await runImportOf('organisations', path, false)
    assert.equal(run.status, 'refused')
    assert.equal(run.refused, 1)
    assert.lengthOf(await importedIn(area.id), 0)
    const [refusal] = await refusalsOf(run, 10)
    assert.equal(refusal.row, 31)
    assert.equal(refusal.column, 'municipality')
  })

  test('a missing column and the same id twice are refused with the row and the column', async ({
    assert,
  }) => {
    const { area, municipality } = await createArea()
    const noCategory = await importFile(
      'organisations.csv',
      csv(
        ['id', 'name', 'type', 'area', 'municipality'],
        ['A', 'Jakaja', 'jakaja', area.name, municipality.name]
      )
    )
    const missing = await runImportOf('organisations', noCategory, true)
    assert.equal(missing.status, 'refused')
    assert.equal(missing.fileProblem, 'missing_columns')
    assert.deepEqual(
      (await refusalsOf(missing, 10)).map((refusal) => [
        refusal.row,
        refusal.column,
        refusal.reason,
      ]),
      [[1, 'category', 'missing_column']]
    )

    const twice = await importFile(
      'organisations.csv',
      csv(
        HEADER,
        ['A', 'Jakaja', 'jakaja', area.name, municipality.name, ''],
        ['A', 'Toinen jakaja', 'jakaja', area.name, municipality.name, '']
      )
    )
    const duplicate = await runImportOf('organisations', twice, false)
    assert.equal(duplicate.status, 'refused')
    const [refusal] = await refusalsOf(duplicate, 10)
    assert.deepEqual([refusal.row, refusal.column, refusal.reason], [3, 'id', 'duplicate_in_file'])
    assert.deepEqual(refusal.params, { column: 'id', row: 2 })
    assert.lengthOf(await importedIn(area.id), 0)
  })
})

test.group('Imports: the admin page', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('the national centre uploads a file, reads the check, imports it once even when the button is pressed twice, and downloads the report', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { path } = await organisationsFile(3, (row, index) => {
      if (index === 1) row[2] = 'teatteri?'
    })
    const upload = await client
      .post(urlFor('imports.store'))
      .field('kind', 'organisations')
      .file('file', path)
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    const checked = await ImportRun.query().where('user_id', admin.id).firstOrFail()
    upload.assertHeader('location', urlFor('imports.show', { id: checked.id }))
    const refused = await waitForImportRun(checked.id)
    assert.equal(refused.status, 'refused')
    const page = await client.get(urlFor('imports.show', { id: checked.id })).loginAs(admin)
    page.assertTextIncludes('Tiedostossa on 1 hylätty rivi.')
    page.assertTextIncludes('type')

    const report = await client.get(urlFor('imports.report', { id: checked.id })).loginAs(admin)
    const [header, first] = readCsv(report.text())
    assert.deepEqual(header, ['Rivi', 'Sarake', 'Syy'])
    assert.deepEqual(first.slice(0, 2), ['3', 'type'])

    // The corrected file: checked, then imported by a double-clicked button.
    const corrected = (await organisationsFile(3)).path
    await client
      .post(urlFor('imports.store'))
      .field('kind', 'organisations')
      .file('file', corrected)
      .withCsrfToken()
      .loginAs(admin)
    const check = await ImportRun.query()
      .where('user_id', admin.id)
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal((await waitForImportRun(check.id)).status, 'done')
    const presses = await Promise.all(
      [1, 2].map(() =>
        client
          .post(urlFor('imports.import', { id: check.id }))
          .withCsrfToken()
          .loginAs(admin)
          .redirects(0)
      )
    )
    const real = await ImportRun.findByOrFail('checked_run_id', check.id)
    for (const press of presses)
      press.assertHeader('location', urlFor('imports.show', { id: real.id }))
    const done = await waitForImportRun(real.id)
    assert.equal(done.added, 3)
    assert.lengthOf(await ImportRun.query().where('checked_run_id', check.id), 1)
  })

  test('refused cleanly: no file, a forged CSRF token, a coordinator', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const noFile = await client
      .post(urlFor('imports.store'))
      .field('kind', 'organisations')
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    noFile.assertHeader('location', urlFor('imports.index'))
    assert.deepEqual(noFile.flashMessages().inputErrorsBag, { file: ['Valitse tiedosto.'] })
    assert.equal(noFile.flashMessages().kind, 'organisations')

    // Refused before the body is read (a file would only meet a closed connection).
    const forged = await client
      .post(urlFor('imports.store', {}, { qs: { _csrf: 'forged' } }))
      .field('kind', 'organisations')
      .loginAs(admin)
      .redirects(0)
    forged.assertStatus(403)
    const coordinator = await createUser('area_coordinator')
    const notAdmin = await client.get(urlFor('imports.index')).loginAs(coordinator).redirects(0)
    assert.equal(notAdmin.status(), 404)
    assert.lengthOf(await ImportRun.all(), 0)
  })
})

test.group('Imports: the imports job', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a run whose process stopped is marked failed, and a checked file nobody imported goes after a week', async ({
    assert,
  }) => {
    const storage = (name: string) => app.makePath(importsConfig.storageDir, name)
    await mkdir(app.makePath(importsConfig.storageDir), { recursive: true })
    const stalledFile = `${randomUUID()}.csv`
    const oldFile = `${randomUUID()}.csv`
    const freshFile = `${randomUUID()}.csv`
    for (const name of [stalledFile, oldFile, freshFile]) await writeFile(storage(name), 'id\n')
    const make = (status: ImportRunStatus, storedFile: string, minutesAgo: number) =>
      ImportRun.create({
        kind: 'cards',
        dryRun: true,
        uploadedAs: 'kortit.csv',
        storedFile,
        status,
        createdAt: DateTime.now().minus({ minutes: minutesAgo }),
        updatedAt: DateTime.now().minus({ minutes: minutesAgo }),
      })
    const stalled = await make('running', stalledFile, importsConfig.stalledAfterMinutes + 1)
    const old = await make('done', oldFile, (importsConfig.keepFilesDays + 1) * 24 * 60)
    const fresh = await make('done', freshFile, 60)

    const run = await runJob('imports', DateTime.now())
    assert.equal(run?.detail, '1 stalled import run(s), 1 old file(s) removed')
    await stalled.refresh()
    await old.refresh()
    await fresh.refresh()
    assert.equal(stalled.status, 'failed')
    assert.isNull(old.storedFile)
    assert.equal(fresh.storedFile, freshFile)
    assert.isFalse(existsSync(storage(stalledFile)))
    assert.isFalse(existsSync(storage(oldFile)))
    assert.isTrue(existsSync(storage(freshFile)))
  })
})
