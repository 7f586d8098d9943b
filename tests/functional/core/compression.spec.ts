import { test } from '@japa/runner'
import { request as httpRequest } from 'node:http'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { assetUrl } from '#core/services/assets'
import { createUser } from '#tests/helpers/fixtures'

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

/** A request as a browser sends it, with the body as it came over the wire (not decoded). */
function raw(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: env.get('HOST'), port: env.get('PORT'), path, headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) })
        )
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    req.end()
  })
}

function decoded(response: Raw) {
  const encoding = response.headers['content-encoding']
  if (encoding === 'br') return brotliDecompressSync(response.body)
  if (encoding === 'gzip') return gunzipSync(response.body)
  return response.body
}

const require = createRequire(import.meta.url)
const htmxFile = () => readFileSync(require.resolve('htmx.org/dist/htmx.min.js'))
const cssFile = () => readFileSync(app.publicPath('css/app.css'))

test.group('Compression and asset caching', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())
  group.each.setup(() => testUtils.db('omakaiku').withGlobalTransaction())

  test('a page is answered with brotli when asked, gzip when only gzip, as it is otherwise', async ({
    assert,
  }) => {
    const path = urlFor('public_offers.index')
    const br = await raw(path, { 'accept-encoding': 'gzip, deflate, br' })
    assert.equal(br.status, 200)
    assert.equal(br.headers['content-encoding'], 'br')
    assert.include(String(br.headers['vary']), 'Accept-Encoding')
    assert.match(String(br.headers['content-type']), /^text\/html/)
    assert.equal(Number(br.headers['content-length']), br.body.length)
    const html = decoded(br).toString()
    assert.include(html, '<!DOCTYPE html>')

    const gzip = await raw(path, { 'accept-encoding': 'gzip' })
    assert.equal(gzip.headers['content-encoding'], 'gzip')
    assert.include(decoded(gzip).toString(), '<!DOCTYPE html>')

    for (const none of [
      {} as Record<string, string>,
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ]) {
      const plain = await raw(path, none)
      assert.equal(plain.status, 200)
      assert.isUndefined(plain.headers['content-encoding'])
      assert.include(String(plain.headers['vary']), 'Accept-Encoding')
      assert.include(plain.body.toString(), '<!DOCTYPE html>')
    }
    // Compressed, a page is a fraction of itself.
    const plain = await raw(path)
    assert.isBelow(br.body.length, plain.body.length / 3)
  })

  test('a signed-in page is compressed and still not stored', async ({ client }) => {
    const user = await createUser('distributor')
    const page = await client
      .get(urlFor('home.show'))
      .header('accept-encoding', 'gzip')
      .loginAs(user)
    page.assertStatus(200)
    page.assertHeader('content-encoding', 'gzip')
    page.assertHeader('cache-control', 'no-store')
  })

  test('a page links the app files by their hashed addresses', async ({ assert }) => {
    for (const route of ['front_door', 'session.create', 'holder_session.create'] as const) {
      const html = (await raw(urlFor(route))).body.toString()
      assert.include(html, `href="${assetUrl('css/app.css')}"`, route)
      assert.include(html, `src="${assetUrl('htmx.js')}"`, route)
      assert.match(assetUrl('css/app.css'), /^\/assets\/css\/app\.[0-9a-f]{12}\.css$/)
      assert.notInclude(html, 'href="/css/')
      assert.notInclude(html, 'src="/js/')
      assert.notInclude(html, 'src="/assets/htmx.js"')
    }
  })

  test('a hashed asset is kept for a year, compressed from memory, and a repeat gets 304', async ({
    assert,
  }) => {
    for (const [name, file, type] of [
      ['htmx.js', htmxFile(), 'text/javascript'],
      ['css/app.css', cssFile(), 'text/css'],
    ] as const) {
      const url = assetUrl(name)
      for (const [accept, encoding] of [
        ['br, gzip', 'br'],
        ['gzip', 'gzip'],
        ['', undefined],
      ] as const) {
        const response = await raw(url, accept ? { 'accept-encoding': accept } : {})
        assert.equal(response.status, 200, `${url} ${accept}`)
        assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable')
        assert.equal(response.headers['content-encoding'], encoding)
        assert.include(String(response.headers['vary']), 'Accept-Encoding')
        assert.match(String(response.headers['content-type']), new RegExp(`^${type}`))
        assert.isTrue(decoded(response).equals(file), `${url} ${accept}: the file byte for byte`)
        const etag = String(response.headers['etag'])
        assert.match(etag, /^"[0-9a-f]{12}(-br|-gzip)?"$/)

        const again = await raw(url, { 'accept-encoding': accept, 'if-none-match': etag })
        assert.equal(again.status, 304)
        assert.equal(again.body.length, 0)
        assert.equal(again.headers['etag'], etag)
      }
    }
    // htmx over the wire: a third of itself or less.
    const htmx = await raw(assetUrl('htmx.js'), { 'accept-encoding': 'br, gzip' })
    assert.isBelow(htmx.body.length, htmxFile().length / 3)
  })

  test('an asset sets no cookie and does not touch the session', async ({ assert, client }) => {
    const user = await createUser('distributor')
    for (const url of [assetUrl('htmx.js'), assetUrl('css/app.css'), '/assets/htmx.js']) {
      const response = await raw(url, { 'accept-encoding': 'br' })
      assert.isUndefined(response.headers['set-cookie'], url)
      // Signed in, too: the session is not read, so it is not renewed.
      const signedIn = await client.get(url).loginAs(user)
      signedIn.assertStatus(200)
      assert.isUndefined(signedIn.header('set-cookie'), url)
    }
  })

  test('an old or missing hash still gets the file, but not for a year', async ({ assert }) => {
    for (const url of [
      '/assets/css/app.0123456789ab.css',
      '/assets/htmx.js',
      '/assets/htmx.0123456789ab.js',
      '/css/app.css',
    ]) {
      const response = await raw(url, { 'accept-encoding': 'gzip' })
      assert.equal(response.status, 200, url)
      assert.equal(response.headers['cache-control'], 'public, no-cache', url)
      assert.equal(response.headers['content-encoding'], 'gzip', url)
      assert.isDefined(response.headers['etag'])
      const again = await raw(url, { 'if-none-match': String(response.headers['etag']) })
      assert.equal(again.status, 304, url)
    }
    assert.equal((await raw('/assets/no-such-file.0123456789ab.css')).status, 404)
    assert.equal((await raw('/assets/../.env')).status, 404)
  })

  test('small files and images go as they are', async ({ assert }) => {
    const icon = await raw(assetUrl('icons/omakaiku-192.png'), { 'accept-encoding': 'br' })
    assert.equal(icon.status, 200)
    assert.isUndefined(icon.headers['content-encoding'])
    assert.equal(icon.headers['content-type'], 'image/png')
    assert.equal(icon.headers['cache-control'], 'public, max-age=31536000, immutable')
    const favicon = await raw(assetUrl('favicon.svg'), { 'accept-encoding': 'br' })
    assert.isUndefined(favicon.headers['content-encoding'])
  })

  test("OmaKaiku's service worker names the card page's files by their hashed addresses", async ({
    assert,
  }) => {
    const worker = await raw(urlFor('web_app.service_worker'), { 'accept-encoding': 'br' })
    assert.equal(worker.status, 200)
    const text = decoded(worker).toString()
    assert.include(
      text,
      `var ASSETS = ${JSON.stringify([assetUrl('css/app.css'), assetUrl('icons/omakaiku.svg')])}`
    )
    const manifest = JSON.parse(decoded(await raw(urlFor('web_app.manifest'))).toString())
    assert.deepEqual(
      manifest.icons.map((icon: { src: string }) => icon.src),
      ['icons/omakaiku.svg', 'icons/omakaiku-192.png', 'icons/omakaiku-512.png'].map(assetUrl)
    )
  })
})
