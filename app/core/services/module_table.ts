import type { ModuleDefinition } from '#core/module_definition'

/*
| The module table of docs/ARCHITECTURE.md, written from the modules'
| declarations (`node ace modules:table --write`), so it cannot drift.
*/
const code = (names: string[]) => names.map((name) => `\`${name}\``).join(', ')

function byModule(entries: Record<string, string[]>) {
  const parts = Object.entries(entries)
    .filter(([, names]) => names.length)
    .map(([module, names]) => `${module}: ${code(names)}`)
  return parts.length ? parts.join('; ') : '—'
}

function owned(definition: ModuleDefinition) {
  const parts = Object.entries(definition.owns)
    .filter(([, tables]) => tables?.length)
    .map(([connection, tables]) => `${connection}: ${code(tables!)}`)
  return parts.length ? parts.join('; ') : '—'
}

export function modulesMarkdownTable(modules: ModuleDefinition[]) {
  const rows = modules.map((definition) =>
    [
      `\`${definition.name}\``,
      definition.purpose,
      owned(definition),
      byModule(definition.reads),
      byModule(definition.uses),
    ].join(' | ')
  )
  return [
    '| module | responsible for | owns (tables by connection) | reads (others’ tables) | uses (others’ public services) |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n')
}
