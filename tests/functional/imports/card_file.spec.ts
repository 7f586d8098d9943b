import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Card from '#registry/models/card'
import Organisation from '#registry/models/organisation'
import { generateCardCode } from '#registry/services/card_code'
import { refusalsOf } from '#imports/services/import_report'
import { createUser } from '#tests/helpers/fixtures'
import { cardLine, giveSourceId } from '#tests/helpers/card_import'
import { csv, importFile, runImportOf } from '#tests/helpers/imports'

/* The cards kind (registry) read from a CSV file by the import runner, across batches. */
async function distributorWithSourceId() {
  const distributor = await createUser('distributor')
  const organisation = await Organisation.findOrFail(distributor.organisationId)
  return { sourceId: await giveSourceId(organisation) }
}

const cardOf = (sourceId: string) => Card.query().where('source_id', sourceId).firstOrFail()

test.group('Importing cards: a CSV file through the import runner', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a file of more than one batch is checked, imported whole, and again changes nothing; the same code twice is refused', async ({
    assert,
  }) => {
    const { sourceId } = await distributorWithSourceId()
    const header = Object.keys(cardLine(sourceId))
    const lines = Array.from({ length: 1_200 }, (_, index) =>
      Object.values(
        cardLine(sourceId, {
          id: `R${index}`,
          // Every other card keeps an old code; the rest have today's.
          code: index % 2 === 0 ? `OLD${String(index).padStart(5, '0')}` : generateCardCode(),
          type: index % 3 === 0 ? 'Henkilökohtainen' : 'henkilökohtainen',
        })
      )
    )
    const path = await importFile('kortit.csv', csv(header, ...lines))
    const imported = () => Card.query().where('source_id', 'like', 'R%')

    const checked = await runImportOf('cards', path, true)
    assert.deepInclude(checked.serialize(), { status: 'done', added: 1_200, refused: 0 })
    assert.lengthOf(await imported(), 0)

    const run = await runImportOf('cards', path, false)
    assert.deepInclude(run.serialize(), { status: 'done', added: 1_200, refused: 0 })
    assert.lengthOf(await imported(), 1_200)
    assert.equal((await cardOf('R0')).code, 'OLD00000')

    const again = await runImportOf('cards', path, false)
    assert.deepInclude(again.serialize(), { added: 0, updated: 0, skipped: 1_200, refused: 0 })

    const twice = await importFile(
      'kortit.csv',
      csv(
        header,
        Object.values(cardLine(sourceId, { id: 'T1', code: 'KK777777' })),
        Object.values(cardLine(sourceId, { id: 'T2', code: 'kk-777 777' }))
      )
    )
    const duplicate = await runImportOf('cards', twice, false)
    assert.equal(duplicate.status, 'refused')
    const [refusal] = await refusalsOf(duplicate, 10)
    assert.deepEqual(
      [refusal.row, refusal.column, refusal.reason],
      [3, 'code', 'duplicate_in_file']
    )
    assert.isNull(await Card.findBy('code', 'KK777777'))
  }).timeout(60_000)
})

test.group('Importing cards: privacy at the border, and what cannot be read', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  /** Everything the run kept about itself and its refusals, as one text. */
  async function keptAbout(runId: number) {
    const run = await db.connection('registry').from('import_runs').where('id', runId).first()
    const refusals = await db
      .connection('registry')
      .from('import_refusals')
      .where('import_run_id', runId)
    return JSON.stringify([run, refusals])
  }

  test('a column of names, identity numbers, phones, e-mail or addresses refuses the whole file, naming the column, and its values are kept nowhere', async ({
    assert,
  }) => {
    const { sourceId } = await distributorWithSourceId()
    const header = Object.keys(cardLine(sourceId))
    const cases = [
      { column: 'asiakkaan nimi', value: 'Maija Meikäläinen', kind: 'name' },
      { column: 'lisätieto', value: '131052-308T', kind: 'identity_number' },
      { column: 'muistiinpano', value: '040 765 4321', kind: 'phone' },
      { column: 'yhteys', value: 'maija@example.fi', kind: 'email' },
      { column: 'kotipaikka', value: 'Kauppakatu 12 B 4', kind: 'address' },
    ]
    for (const { column, value, kind } of cases) {
      // The identity is on the very last row: the whole file is read before anything is written.
      const rows = Array.from({ length: 40 }, (_, index) => [
        ...Object.values(cardLine(sourceId, { id: `P${index}`, code: generateCardCode() })),
        index === 39 ? value : '',
      ])
      const path = await importFile('kortit.csv', csv([...header, column], ...rows))
      const run = await runImportOf('cards', path, false)
      assert.equal(run.status, 'refused', column)
      assert.equal(run.fileProblem, 'identity_column', column)
      assert.deepInclude(run.fileProblemParams!, { column, kind }, column)
      assert.lengthOf(await Card.query().where('source_id', 'like', 'P%'), 0, column)
      assert.notInclude(await keptAbout(run.id), value, column)
    }
  })

  test('a file in neither UTF-8 nor Windows-1252 is refused before any row is read', async ({
    assert,
  }) => {
    const { sourceId } = await distributorWithSourceId()
    const text = csv(
      Object.keys(cardLine(sourceId)),
      Object.values(cardLine(sourceId, { id: 'E1' }))
    )
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const run = await runImportOf('cards', await importFile('kortit.csv', utf16), true)
    assert.equal(run.status, 'refused')
    assert.equal(run.fileProblem, 'wrong_encoding')
    assert.equal(run.rowsDone, 0)
  })
})
