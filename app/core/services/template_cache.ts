import type { Edge } from 'edge.js'

/*
| Edge 6.5 with its cache on (production) still does work on every render
| that its cache was meant to spare, found by profiling the box office:
| - `@include` asks the compiler for the partial with the names of the
|   variables in scope (an empty list at the least), and the compiler never
|   caches a template asked for with such a list, so every partial was read
|   from disk, parsed and compiled again on each render;
| - each renderer (one a request) lists the components folder again
|   (readdirSync, recursive), because the default instance was made before
|   the cache was switched on and keeps refreshing its component tags.
| With the cache on, both are kept here after their first time. Without it
| (development) templates are compiled afresh, as Edge does.
*/
export function keepTemplatesCompiled(edge: Edge) {
  for (const compiler of [edge.compiler, edge.asyncCompiler]) {
    const compile = compiler.compile.bind(compiler)
    const compiled = new Map<string, ReturnType<typeof compile>>()
    compiler.compile = (templatePath, localVariables) => {
      if (!compiler.cacheManager.enabled || !localVariables) {
        return compile(templatePath, localVariables)
      }
      // A partial's function takes the variables in scope by name: one per list of names.
      const key = `${templatePath}\0${localVariables.join(',')}`
      let template = compiled.get(key)
      if (!template) {
        template = compile(templatePath, localVariables)
        compiled.set(key, template)
      }
      return template
    }
  }

  const listComponents = edge.loader.listComponents.bind(edge.loader)
  let components: ReturnType<typeof listComponents> | undefined
  edge.loader.listComponents = () => {
    if (!edge.compiler.cacheManager.enabled) return listComponents()
    components ??= listComponents()
    return components
  }
}
