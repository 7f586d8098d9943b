import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import { createRequire } from 'node:module'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import app from '@adonisjs/core/services/app'
import { PNG } from 'pngjs'
import type { ApiClient } from '@japa/api-client'
import type User from '#registry/models/user'
import { createArea, createUser } from '#tests/helpers/fixtures'
import { codesOf, readyRun } from '#tests/helpers/print_runs'
import { orderPrintRun } from '#registry/services/print_runs'

/*
| The print-ready PDF as a print house gets it: poppler's pdfinfo tells the
| pages and their size, pdftoppm renders a page, and jsQR reads the card
| code back from the rendered QR code.
*/
const run = promisify(execFile)
// jsqr is CommonJS with a default export only in its types: required, it is the function itself.
const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default

function download(client: ApiClient, user: User, id: number, layout: 'card' | 'sheet') {
  const request = client.get(urlFor('print_runs.pdf', { id, layout })).loginAs(user)
  // The PDF as bytes: superagent would otherwise read it as text.
  request.request.parse((res, done) => {
    const chunks: Buffer[] = []
    res.on('data', (chunk: Buffer) => chunks.push(chunk))
    res.on('end', () => done(null, Buffer.concat(chunks)))
  })
  return request
}

async function pdfInfo(file: string) {
  const { stdout } = await run('pdfinfo', [file])
  const pages = Number(/Pages:\s+(\d+)/.exec(stdout)![1])
  const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(stdout)!
  return { pages, width: Number(width), height: Number(height) }
}

/** Renders one page to PNG and reads its QR code. */
async function qrOnPage(file: string, page: number, folder: string) {
  const prefix = join(folder, `page-${page}`)
  await run('pdftoppm', [
    '-png',
    '-r',
    '300',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    file,
    prefix,
  ])
  const png = PNG.sync.read(await readFile(`${prefix}.png`))
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  return found?.data ?? null
}

const MM = 72 / 25.4

test.group('Print runs: the PDF', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  let folder: string
  group.setup(async () => {
    folder = await mkdtemp(join(app.makePath('tmp/test'), 'print-pdf-'))
    return () => rm(folder, { recursive: true, force: true })
  })

  test('one card per page at 85.6 × 54 mm, with a QR code that reads back as the card code', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area } = await createArea()
    const printRun = await readyRun(admin, area, { quantity: 3, language: 'fi_sv' })
    const codes = await codesOf(printRun)

    const response = await download(client, admin, printRun.id, 'card')
    response.assertStatus(200)
    assert.equal(response.header('content-type'), 'application/pdf')
    const file = join(folder, 'cards.pdf')
    await writeFile(file, response.body())

    const info = await pdfInfo(file)
    assert.equal(info.pages, 3)
    assert.closeTo(info.width, 85.6 * MM, 0.1)
    assert.closeTo(info.height, 54 * MM, 0.1)
    assert.equal(await qrOnPage(file, 1, folder), codes[0])
    assert.equal(await qrOnPage(file, 3, folder), codes[2])
  })

  test('A4 sheets of ten cards: twelve community cards make two pages', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area } = await createArea()
    const printRun = await readyRun(admin, area, { quantity: 12, cardType: 'community' })

    const response = await download(client, admin, printRun.id, 'sheet')
    response.assertStatus(200)
    const file = join(folder, 'sheets.pdf')
    await writeFile(file, response.body())
    const info = await pdfInfo(file)
    assert.equal(info.pages, 2)
    assert.closeTo(info.width, 210 * MM, 0.1)
    assert.closeTo(info.height, 297 * MM, 0.1)
    const { stdout } = await run('pdftotext', ['-f', '1', '-l', '1', file, '-'])
    assert.equal(stdout.split('Yhteisön Kaikukortti').length - 1, 10)
  })

  test('a run still reserving codes and a layout not offered are not found', async ({
    client,
    assert,
  }) => {
    const admin = await createUser('admin')
    const { area } = await createArea()
    const ready = await readyRun(admin, area, { quantity: 1 })
    const queued = await orderPrintRun(admin, {
      cardType: 'personal',
      language: 'fi',
      quantity: 1,
      areaId: area.id,
      submissionKey: randomUUID(),
    })
    for (const url of [
      urlFor('print_runs.pdf', { id: queued.id, layout: 'card' }),
      urlFor('print_runs.csv', { id: queued.id }),
      `${urlFor('print_runs.show', { id: ready.id })}/cards/poster`,
    ]) {
      assert.equal((await client.get(url).loginAs(admin)).status(), 404, url)
    }
  })
})
