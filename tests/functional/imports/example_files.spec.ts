import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Area from '#registry/models/area'
import Municipality from '#registry/models/municipality'
import Card from '#registry/models/card'
import CardUse from '#usage/models/card_use'
import { IMPORT_KINDS } from '#core/services/import_kind'
import { findCardCode } from '#registry/services/card_code_lookup'
import { refusalsOf } from '#imports/services/import_report'
import { runImportOf } from '#tests/helpers/imports'

/** The areas and municipalities the example files name, as a fresh register has them. */
async function exampleAreas() {
  const places = { 'Kainuu': ['Kajaani', 'Sotkamo'], 'Länsi-Uusimaa': ['Espoo', 'Lohja'] }
  for (const [name, municipalities] of Object.entries(places)) {
    const area = await Area.firstOrCreate({ name }, { status: 'in_use' })
    for (const municipality of municipalities) {
      // The national list has them outside every area until an area takes them.
      await Municipality.updateOrCreate(
        { name: municipality },
        { areaId: area.id, status: 'in_use' }
      )
    }
  }
  // The yearly totals name every area of the time.
  for (const name of [
    'Etelä-Karjala',
    'Etelä-Pohjanmaa',
    'Etelä-Savo',
    'Kanta-Häme',
    'Keski-Pohjanmaa',
    'Keski-Uusimaa',
    'Kymenlaakso',
    'Lappi',
    'Pirkanmaa',
    'Pohjanmaa',
    'Pohjois-Pohjanmaa',
    'Pohjois-Savo',
    'Ruotsi',
    'Vantaan ja Keravan hyvinvointialue',
  ]) {
    await Area.firstOrCreate({ name }, { status: 'in_use' })
  }
}

const example = (kind: string) => app.makePath('docs/import-examples', `${kind}.csv`)

test.group('Imports: the example files of docs/IMPORT.md', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('import whole in the documented order; the same files again change nothing; old codes are found as typed', async ({
    assert,
    client,
  }) => {
    await exampleAreas()
    for (const kind of IMPORT_KINDS) {
      const checked = await runImportOf(kind, example(kind), true)
      assert.deepEqual(await refusalsOf(checked, 5), [], kind)
      assert.equal(checked.status, 'done', kind)
      const imported = await runImportOf(kind, example(kind), false)
      assert.equal(imported.status, 'done', kind)
      assert.equal(imported.added, checked.added, kind)
      assert.isAbove(imported.added, 0, kind)
    }
    for (const kind of IMPORT_KINDS) {
      const again = await runImportOf(kind, example(kind), false)
      assert.deepInclude(again.serialize(), { added: 0, updated: 0, refused: 0 }, kind)
    }

    const oldCard = await Card.findByOrFail('source_id', 'C-5002')
    assert.equal(oldCard.code, 'KK001234')
    for (const typed of ['kk-001234', 'KK 001 234', '123456']) {
      assert.isTrue((await findCardCode(typed)).ok, typed)
    }
    assert.equal(
      await CardUse.query()
        .where('card_code', 'KK001234')
        .count('* as total')
        .then((rows) => Number(rows[0].$extras.total)),
      1
    )

    // The public page: the yearly totals and the detailed records after them.
    const page = await client.get(urlFor('public_statistics.show'))
    page.assertStatus(200)
    assert.match(page.text(), /88\s194/)
  })
})
