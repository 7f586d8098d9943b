import { readdir } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import { MODULES } from '#start/modules'
import type { Connection, ModuleDefinition } from '#core/module_definition'
import { modulesMarkdownTable } from '#core/services/module_table'
import { tableInDocs } from '#core/services/docs_tables'
import { APP, appSources, type SourceFile } from '#tests/helpers/module_sources'
import {
  cyclesIn,
  dependenciesOf,
  ownerOf,
  undeclaredImports,
  undeclaredTables,
  unusedDeclarations,
} from '#tests/helpers/module_rules'

/*
| docs/ARCHITECTURE.md's boundary rules, held against the source. Each
| module's app/<module>/module.ts declares what it owns, reads and uses; the
| source may do only that, and no cycle may run between modules.
*/
const OMAKAIKU_SIDE = ['omakaiku', 'messaging']
const byName = new Map(MODULES.map((definition) => [definition.name, definition]))
const knownTables = new Set(
  MODULES.flatMap((definition) => Object.values(definition.owns).flat() as string[])
)
const sources = () => appSources(knownTables)

test.group('Module declarations', () => {
  test('every folder under app/ is a module declared in start/modules.ts', async ({ assert }) => {
    const folders = (await readdir(APP, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
    assert.sameMembers(
      MODULES.map((definition) => definition.name),
      folders
    )
    for (const folder of folders) {
      const declared = (await import(`#${folder}/module`)).default as ModuleDefinition
      assert.equal(declared.name, folder, `app/${folder}/module.ts names its own folder`)
    }
  })

  test('every table of both databases has exactly one owner on its connection', async ({
    assert,
  }) => {
    for (const connection of ['registry', 'omakaiku'] as Connection[]) {
      const owners = MODULES.flatMap((definition) =>
        (definition.owns[connection] ?? []).map((table) => `${table} ← ${definition.name}`)
      )
      const owned = owners.map((entry) => entry.split(' ← ')[0])
      assert.deepEqual(
        owned.filter((table, index) => owned.indexOf(table) !== index),
        [],
        `a table with two owners on ${connection}`
      )
      const live = (await tablesOf(connection)).filter((table) => !table.startsWith('adonis_'))
      assert.sameMembers(owned, live, `tables on ${connection} and their declared owners`)
    }
  })

  test('every model’s table belongs to the model’s module', async ({ assert }) => {
    const models = (await sources()).filter((file) => file.file.split('/')[1] === 'models')
    assert.isAbove(models.length, 10)
    const offending: string[] = []
    for (const file of models) {
      const model = (await import(app.makeURL(`app/${file.file}`).href)).default as LucidModel
      model.boot()
      if (ownerOf(MODULES, model.table)?.name !== file.module) {
        offending.push(`${file.file}: ${model.table}`)
      }
    }
    assert.deepEqual(offending, [])
  })

  test('the module table in docs/ARCHITECTURE.md is the one written from the declarations', async ({
    assert,
  }) => {
    const inDocs = await tableInDocs(app.makePath('docs/ARCHITECTURE.md'), 'modules:table')
    assert.isNotNull(inDocs, 'the table is marked in the docs')
    assert.equal(inDocs, modulesMarkdownTable(MODULES), 'run `node ace modules:table --write`')
  })
})

test.group('Module boundaries', () => {
  test('core uses, reads and imports no other module', async ({ assert }) => {
    const core = byName.get('core')!
    assert.deepEqual([core.uses, core.reads], [{}, {}])
    const offending = (await sources())
      .filter((file) => file.module === 'core')
      .flatMap((file) =>
        file.imports
          .filter((i) => byName.has(i.module) && i.module !== 'core')
          .map((i) => `${file.file} → #${i.module}/${i.path}`)
      )
    assert.deepEqual(offending, [])
  })

  test('a module imports only the public services its module.ts declares', async ({ assert }) => {
    assert.deepEqual(undeclaredImports(await sources(), byName), [])
  })

  test('a query names only the module’s own tables and, read-only, those it declares', async ({
    assert,
  }) => {
    const files = await sources()
    assert.isAbove(
      files.flatMap((file) => file.tables).length,
      20,
      'the check finds the tables in queries'
    )
    assert.deepEqual(undeclaredTables(files, byName), [])
  })

  test('every declared use and read is still in the source', async ({ assert }) => {
    assert.deepEqual(unusedDeclarations(await sources(), MODULES), [])
  })

  test('no cycle between modules, through imports or tables', async ({ assert }) => {
    assert.deepEqual(cyclesIn(dependenciesOf(MODULES)), [])
  })

  test('the registry side never imports OmaKaiku or queries its connection', async ({ assert }) => {
    const files: SourceFile[] = await sources()
    const offending = files
      .filter((file) => !OMAKAIKU_SIDE.includes(file.module))
      .filter(
        (file) =>
          file.imports.some((i) => i.module === 'omakaiku') ||
          /connection\(\s*['"]omakaiku['"]\s*\)|connection\s*=\s*['"]omakaiku['"]|connection:\s*['"]omakaiku['"]/.test(
            file.source
          )
      )
      .map((file) => file.file)
    assert.deepEqual(offending, [])
  })
})

async function tablesOf(connection: Connection): Promise<string[]> {
  const client = db.connection(connection)
  if (client.dialect.name === 'mysql') {
    const [rows] = await client.rawQuery('SHOW TABLES')
    return rows.map((row: Record<string, string>) => Object.values(row)[0])
  }
  const rows = await client
    .from('sqlite_master')
    .where('type', 'table')
    .whereNot('name', 'like', 'sqlite_%')
    .select('name')
  return rows.map((row: { name: string }) => row.name)
}
