/*
| What a module says about itself in app/<module>/module.ts: the tables it
| owns on each connection, the tables of other modules it only reads, and the
| public services (files under another module's services/) it uses. Every
| module may use `core`, which uses nobody. The architecture test holds the
| source to these declarations, and `node ace modules:table` writes the module
| table of docs/ARCHITECTURE.md from them.
*/
export type Connection = 'registry' | 'omakaiku'

export interface ModuleDefinition {
  name: string
  /** What the module is responsible for, in a sentence or two, for the docs. */
  purpose: string
  /** Its own tables by connection; only this module writes them. */
  owns: Partial<Record<Connection, string[]>>
  /** Other modules' tables it queries (never writes), by owning module. */
  reads: Record<string, string[]>
  /** Other modules' public services it imports, by module: file names under services/. */
  uses: Record<string, string[]>
}

export function defineModule(definition: ModuleDefinition): ModuleDefinition {
  return definition
}
