import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'

/*
| Pages and redirects are addressed by route name (urlFor, toRoute), so a
| changed URL is changed in one place. Only the files under public/ (no
| route serves them) are linked by their path.
*/
async function filesUnder(dir: string, extension: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return filesUnder(path, extension)
      return Promise.resolve(path.endsWith(extension) ? [path] : [])
    })
  )
  return nested.flat()
}

async function lines(files: string[], pattern: RegExp) {
  const found: string[] = []
  for (const file of files) {
    const source = await readFile(file, 'utf8')
    source.split('\n').forEach((line, index) => {
      if (pattern.test(line)) found.push(`${file.slice(app.makePath('').length)}:${index + 1}`)
    })
  }
  return found
}

test.group('Addresses by route name', () => {
  test('views link to pages by route name, never by a typed path', async ({ assert }) => {
    const publicFiles = (await readdir(app.publicPath())).join('|')
    const typedPath = new RegExp(
      `(href|action|formaction|hx-get|hx-post|src)="/(?!(${publicFiles})\\b)[^"]*"`
    )
    const views = await filesUnder(app.viewsPath(), '.edge')
    assert.isAbove(views.length, 50)
    assert.deepEqual(await lines(views, typedPath), [])
  })

  test('controllers redirect by route name, never to a typed path', async ({ assert }) => {
    const code = await filesUnder(app.makePath('app'), '.ts')
    assert.deepEqual(await lines(code, /redirect\(\s*['"`]\/|toPath\(\s*['"`]\//), [])
  })
})
