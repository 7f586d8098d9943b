import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { test } from '@japa/runner'

/*
| The module boundaries of docs/ARCHITECTURE.md, checked on the source:
| - `core` uses no other module;
| - a module reaches another module only through its public `services/`;
| - nothing on the registry side touches OmaKaiku: no `#omakaiku/*` import
|   and no use of the `omakaiku` connection (only `omakaiku` and `messaging`
|   may).
*/
const APP = new URL('../../../app/', import.meta.url).pathname
const OMAKAIKU_SIDE = ['omakaiku', 'messaging']

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const files = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return sourceFiles(path)
      return Promise.resolve(path.endsWith('.ts') ? [path] : [])
    })
  )
  return files.flat()
}

async function modules() {
  const files = await sourceFiles(APP)
  return Promise.all(
    files.map(async (file) => {
      const source = await readFile(file, 'utf8')
      const imports = [
        ...source.matchAll(/from\s+'#([a-z_]+)\/([^']+)'|import\(\s*'#([a-z_]+)\/([^']+)'\s*\)/g),
      ].map((match) => ({ module: match[1] ?? match[3], path: match[2] ?? match[4] }))
      return {
        file: relative(APP, file),
        module: relative(APP, file).split(sep)[0],
        source,
        imports,
      }
    })
  )
}

const APP_MODULES = new Set([
  'core',
  'registry',
  'offers',
  'usage',
  'bulletin',
  'messaging',
  'surveys',
  'stats',
  'omakaiku',
  'operations',
])

test.group('Module boundaries', () => {
  test('core uses no other module', async ({ assert }) => {
    const offending = (await modules())
      .filter((file) => file.module === 'core')
      .flatMap((file) =>
        file.imports
          .filter((i) => APP_MODULES.has(i.module) && i.module !== 'core')
          .map((i) => `${file.file} → #${i.module}/${i.path}`)
      )
    assert.deepEqual(offending, [])
  })

  test('a module reaches another only through its public services', async ({ assert }) => {
    const offending = (await modules()).flatMap((file) =>
      file.imports
        .filter((i) => APP_MODULES.has(i.module) && i.module !== file.module && i.module !== 'core')
        .filter((i) => !i.path.startsWith('services/'))
        .map((i) => `${file.file} → #${i.module}/${i.path}`)
    )
    assert.deepEqual(offending, [])
  })

  test('the registry side never imports OmaKaiku or queries its connection', async ({ assert }) => {
    const files = await modules()
    assert.isAbove(files.length, 10, 'the check reads the app source')
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
