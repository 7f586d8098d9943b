import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import env from '#start/env'

/*
| Two connections that never mix: `registry` (Kaikukanta) and `omakaiku`
| (the cardholder's own service, the only place identity data may live).
| DB_ENGINE picks SQLite (one file per connection) or MySQL/MariaDB.
*/
type ConnectionName = 'registry' | 'omakaiku'

function sqlite(name: ConnectionName) {
  const dir = env.get('DB_SQLITE_DIR', 'tmp')
  return {
    client: 'better-sqlite3' as const,
    connection: { filename: app.makePath(dir, `${name}.sqlite3`) },
    useNullAsDefault: true,
    migrations: { naturalSort: true, paths: [`database/migrations/${name}`] },
    seeders: { paths: name === 'registry' ? ['database/seeders'] : [] },
    debug: false,
  }
}

function mysql(name: ConnectionName) {
  const database =
    name === 'registry' ? env.get('DB_REGISTRY_DATABASE') : env.get('DB_OMAKAIKU_DATABASE')
  return {
    client: 'mysql2' as const,
    connection: {
      host: env.get('DB_HOST', '127.0.0.1'),
      port: env.get('DB_PORT', 3306),
      user: env.get('DB_USER', 'root'),
      password: env.get('DB_PASSWORD', ''),
      database: database ?? `kaikukanta_${name}`,
      charset: 'utf8mb4',
      timezone: 'Z',
      dateStrings: false,
    },
    migrations: { naturalSort: true, paths: [`database/migrations/${name}`] },
    seeders: { paths: name === 'registry' ? ['database/seeders'] : [] },
    debug: false,
  }
}

/*
| Lucid 22 can write model base classes from the tables after each migration
| (database/schema.ts). Off: the models declare their columns themselves, and
| a generated file would put OmaKaiku's identity columns beside the registry's.
*/
const shared = { schemaGeneration: { enabled: false } }

const connectionFor = (name: ConnectionName) => ({
  ...(env.get('DB_ENGINE') === 'mysql' ? mysql(name) : sqlite(name)),
  ...shared,
})

const dbConfig = defineConfig({
  connection: 'registry',
  prettyPrintDebugQueries: true,
  connections: {
    registry: connectionFor('registry'),
    omakaiku: connectionFor('omakaiku'),
  },
})

export default dbConfig
