import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { test } from '@japa/runner'
import { sourceFiles } from '@adonisjs/lucid/utils'
import dbConfig from '#config/database'

/*
| Released migrations are frozen (docs/OPERATIONS.md, "Migrations"): a
| database in production has run them, so an edit would never reach it and
| a fresh database would differ from it. database/migrations/checksums.json
| keeps the sha256 of each; a change is made by a new migration, named with
| its UTC time (20261202093000_create_x.ts) so that it runs after all the
| numbered ones.
*/
const MIGRATIONS = new URL('../../../database/migrations/', import.meta.url).pathname
const CONNECTIONS = ['registry', 'omakaiku'] as const
const TIMESTAMPED = /^\d{14}_[a-z0-9_]+\.ts$/

async function checksums(): Promise<Record<string, string>> {
  return JSON.parse(await readFile(join(MIGRATIONS, 'checksums.json'), 'utf8'))
}

async function migrationFiles(connection: string) {
  return (await readdir(join(MIGRATIONS, connection))).filter((name) => name.endsWith('.ts'))
}

test.group('Released migrations', () => {
  test('every listed migration is there, unchanged', async ({ assert }) => {
    const changed: string[] = []
    for (const [file, sum] of Object.entries(await checksums())) {
      const source = await readFile(join(MIGRATIONS, file)).catch(() => null)
      if (!source) changed.push(`${file}: missing`)
      else if (createHash('sha256').update(source).digest('hex') !== sum) {
        changed.push(`${file}: changed`)
      }
    }
    assert.deepEqual(changed, [], 'released migrations are frozen: add a new migration instead')
  })

  test('a migration not in the list has a timestamped name', async ({ assert }) => {
    const listed = new Set(Object.keys(await checksums()))
    const misnamed: string[] = []
    for (const connection of CONNECTIONS) {
      for (const name of await migrationFiles(connection)) {
        if (!listed.has(`${connection}/${name}`) && !TIMESTAMPED.test(name)) {
          misnamed.push(`${connection}/${name}`)
        }
      }
    }
    assert.deepEqual(misnamed, [], 'name new migrations YYYYMMDDHHMMSS_what_it_does.ts')
  })

  test('the migrator runs a timestamped migration after the numbered ones', async ({ assert }) => {
    // The migrator's own listing (Lucid's sourceFiles with this app's
    // naturalSort setting), over empty files named like the real ones.
    const root = await mkdtemp(join(tmpdir(), 'kaikukanta-migrations-'))
    try {
      for (const connection of CONNECTIONS) {
        const naturalSort = dbConfig.connections[connection].migrations?.naturalSort ?? false
        assert.isTrue(naturalSort, `${connection}: migrations.naturalSort`)
        const released = Object.keys(await checksums())
          .filter((file) => file.startsWith(`${connection}/`))
          .map((file) => file.slice(connection.length + 1))
        // Newer than every released one (released ones may be timestamped too).
        const added = ['20991202093000_create_x.ts', '20991215120000_add_y.ts']
        await mkdir(join(root, connection))
        for (const name of [...added, ...released]) {
          await writeFile(join(root, connection, name), '')
        }
        const { files } = await sourceFiles(
          pathToFileURL(`${root}/`),
          `./${connection}`,
          naturalSort
        )
        const order = files.map((file) => file.name.split('/').pop())
        const byNumber = released
          .map((name) => name.replace(/\.ts$/, ''))
          .sort((a, b) => Number.parseInt(a) - Number.parseInt(b))
        assert.deepEqual(order, [...byNumber, '20991202093000_create_x', '20991215120000_add_y'])
      }
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
