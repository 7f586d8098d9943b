import type { ModuleDefinition } from '#core/module_definition'
import type { SourceFile } from '#tests/helpers/module_sources'

/*
| The rules of the architecture test as functions of the declarations and
| the source: each returns what breaks a rule, as lines a reader can act on.
*/
type Modules = Map<string, ModuleDefinition>

export function ownerOf(modules: Iterable<ModuleDefinition>, table: string) {
  for (const definition of modules) {
    if (Object.values(definition.owns).some((tables) => tables?.includes(table))) return definition
  }
  return undefined
}

/** `#other/…` imports that are not a declared public service of another module. */
export function undeclaredImports(files: SourceFile[], modules: Modules) {
  return files.flatMap((file) =>
    file.imports
      .filter((i) => modules.has(i.module) && i.module !== file.module && i.module !== 'core')
      .filter((i) => {
        const service = /^services\/([a-z_]+)$/.exec(i.path)?.[1]
        return !service || !modules.get(file.module)?.uses[i.module]?.includes(service)
      })
      .map((i) => `${file.file} → #${i.module}/${i.path}`)
  )
}

/** Tables named in queries that are neither the module's own nor declared reads (writes never are). */
export function undeclaredTables(files: SourceFile[], modules: Modules) {
  return files.flatMap((file) => {
    const declaration = modules.get(file.module)
    if (!declaration) return []
    return file.tables
      .filter(({ table, write }) => {
        const owner = ownerOf(modules.values(), table)
        if (owner?.name === file.module) return false
        return write || !owner || !declaration.reads[owner.name]?.includes(table)
      })
      .map(({ table, write }) => `${file.file} ${write ? 'writes' : 'reads'} ${table}`)
  })
}

/** Declared uses and reads that the source no longer has, or reads of a table the module named does not own. */
export function unusedDeclarations(files: SourceFile[], modules: ModuleDefinition[]) {
  return modules.flatMap((declaration) => {
    const own = files.filter((file) => file.module === declaration.name)
    const imported = new Set(
      own.flatMap((file) => file.imports.map((i) => `${i.module}/${i.path}`))
    )
    const tables = new Set(own.flatMap((file) => file.tables.map(({ table }) => table)))
    const uses = Object.entries(declaration.uses).flatMap(([module, services]) =>
      services
        .filter((service) => !imported.has(`${module}/services/${service}`))
        .map((service) => `${declaration.name} declares it uses ${module}'s ${service}`)
    )
    const reads = Object.entries(declaration.reads).flatMap(([module, names]) =>
      names
        .filter((table) => !tables.has(table) || ownerOf(modules, table)?.name !== module)
        .map((table) => `${declaration.name} declares it reads ${module}'s ${table}`)
    )
    return [...uses, ...reads]
  })
}

/** Module → the modules it depends on, by declared uses and reads. */
export function dependenciesOf(modules: ModuleDefinition[]) {
  return new Map(
    modules.map((definition) => [
      definition.name,
      new Set([...Object.keys(definition.uses), ...Object.keys(definition.reads)]),
    ])
  )
}

/** Each cycle once, as `a → b → a`. */
export function cyclesIn(graph: Map<string, Set<string>>) {
  const cycles = new Set<string>()
  const visit = (node: string, path: string[]) => {
    for (const next of graph.get(node) ?? []) {
      const at = path.indexOf(next)
      if (at >= 0) {
        const cycle = path.slice(at)
        const first = cycle.indexOf([...cycle].sort()[0])
        const rotated = [...cycle.slice(first), ...cycle.slice(0, first)]
        cycles.add([...rotated, rotated[0]].join(' → '))
      } else {
        visit(next, [...path, next])
      }
    }
  }
  for (const node of graph.keys()) visit(node, [node])
  return [...cycles]
}
