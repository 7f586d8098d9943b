import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'

/*
| The app's source as the architecture test reads it: each file with its
| module, the other modules' files it imports and the tables its queries
| name. A table is found where SQL names one: the first argument of Knex's
| from/table/into/join family, and `from|join|into|update T` in a raw SQL
| string. `table`, `into`, `insert into`, `update` and `delete from` write.
*/
export const APP = new URL('../../app/', import.meta.url).pathname

export interface ModuleImport {
  module: string
  path: string
}

export interface TableUse {
  table: string
  write: boolean
}

export interface SourceFile {
  file: string
  module: string
  source: string
  imports: ModuleImport[]
  tables: TableUse[]
}

async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const files = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return tsFiles(path)
      return Promise.resolve(path.endsWith('.ts') ? [path] : [])
    })
  )
  return files.flat()
}

export function importsIn(source: string): ModuleImport[] {
  return [
    ...source.matchAll(/from\s+'#([a-z_]+)\/([^']+)'|import\(\s*'#([a-z_]+)\/([^']+)'\s*\)/g),
  ].map((match) => ({ module: match[1] ?? match[3], path: match[2] ?? match[4] }))
}

const KNEX_TABLE =
  /\.(from|table|into|join|leftJoin|rightJoin|innerJoin|leftOuterJoin|crossJoin)\(\s*['"`]([a-z_]+)(?:\s+as\s+[a-z_]+)?['"`]/g
const RAW_SQL = /\b(insert\s+into|delete\s+from|update|from|join)\s+`?([a-z_]+)`?/gi
const STRING = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g
const WRITING = new Set(['table', 'into', 'insert into', 'delete from', 'update'])

export function tablesIn(source: string, known: Set<string>): TableUse[] {
  const found: TableUse[] = []
  for (const match of source.matchAll(KNEX_TABLE)) {
    if (known.has(match[2])) found.push({ table: match[2], write: WRITING.has(match[1]) })
  }
  for (const literal of source.matchAll(STRING)) {
    for (const match of literal[0].matchAll(RAW_SQL)) {
      const verb = match[1].toLowerCase().replace(/\s+/g, ' ')
      if (known.has(match[2])) found.push({ table: match[2], write: WRITING.has(verb) })
    }
  }
  return found
}

/** Every TypeScript file under app/, with the module it belongs to (its first folder). */
export async function appSources(knownTables: Set<string>): Promise<SourceFile[]> {
  const files = await tsFiles(APP)
  return Promise.all(
    files.map(async (path) => {
      const source = await readFile(path, 'utf8')
      const file = relative(APP, path)
      return {
        file,
        module: file.split(sep)[0],
        source,
        imports: importsIn(source),
        tables: tablesIn(source, knownTables),
      }
    })
  )
}
