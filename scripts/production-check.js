// Requests the pages and assets of a running production build, as a browser
// would: the front door, the privacy notice, the network directory, the
// accessibility feedback form, the staff sign-in page, the
// national centre's import page and an example file, a print run's PDF, the public offer list, a cardholder signed
// in to OmaKaiku at /oma/card, htmx, OmaKaiku's web-app files and every
// file under public/. Each must
// answer 200 with the right content type; each asset must be the file in
// the repository, byte for byte. htmx and app.css, by the content-hashed
// addresses the pages link, must come compressed with brotli and with gzip,
// be cacheable for a year (immutable), answer 304 to their ETag and set no
// cookie; pages must come compressed too. Run by scripts/production-check.sh.
//
//   node scripts/production-check.js http://127.0.0.1:3339 [http://127.0.0.1:3340]
import { readFileSync, readdirSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'

const base = process.argv[2] ?? 'http://127.0.0.1:3339'
// A second instance on the same databases, if given: sessions must work there too.
const second = process.argv[3]
const HOLDER = { email: 'kortti@kaikukanta.test', password: 'kaikukortti-demo' }
const ADMIN = { email: 'admin@kaikukanta.test', password: 'kaikukortti-demo' }
const failures = []
let checks = 0

function check(ok, what) {
  checks++
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`)
  if (!ok) failures.push(what)
}

/** A tiny cookie jar: the server's Set-Cookie headers, sent back on the next request. */
const jar = new Map()
async function request(path, init = {}, origin = base) {
  const headers = { ...init.headers }
  if (jar.size) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  const response = await fetch(new URL(path, origin), { ...init, headers, redirect: 'manual' })
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';')
    const [name, value] = pair.split(/=(.*)/s)
    jar.set(name, value)
  }
  return response
}

const csrfToken = (html) => html.match(/name=["']_csrf["'] value=["']([^"']+)["']/)?.[1]

async function page(path, expectedText) {
  const response = await request(path)
  const html = await response.text()
  check(
    response.status === 200 &&
      response.headers.get('content-type')?.startsWith('text/html') &&
      html.includes(expectedText),
    `GET ${path} → ${response.status}, HTML with "${expectedText}"`
  )
  return html
}

async function asset(path, file, type) {
  const response = await request(path)
  const body = Buffer.from(await response.arrayBuffer())
  check(
    response.status === 200 &&
      response.headers.get('content-type')?.startsWith(type) &&
      body.equals(readFileSync(file)),
    `GET ${path} → ${response.status}, ${type}, ${body.length} bytes as in ${relative(process.cwd(), file)}`
  )
}

/** An asset the app writes itself (no file to compare with). */
async function generated(path, type) {
  const response = await request(path)
  const length = (await response.arrayBuffer()).byteLength
  check(
    response.status === 200 && response.headers.get('content-type')?.startsWith(type) && length > 0,
    `GET ${path} → ${response.status}, ${type}, ${length} bytes`
  )
}

/** A request with the body as it came over the wire (fetch would decode it). */
function raw(path, headers = {}) {
  if (jar.size) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { headers }, (res) => {
      const chunks = []
      res.on('data', (chunk) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) })
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}
const DECODE = { br: brotliDecompressSync, gzip: gunzipSync }

/** A hashed asset: compressed both ways, kept for a year, 304 on its ETag, no cookie. */
async function hashedAsset(path, file) {
  const expected = readFileSync(file)
  for (const encoding of ['br', 'gzip']) {
    const response = await raw(path, { 'accept-encoding': encoding })
    const decode = DECODE[response.headers['content-encoding']]
    const body = decode ? decode(response.body) : response.body
    check(
      response.status === 200 &&
        response.headers['content-encoding'] === encoding &&
        body.equals(expected) &&
        /accept-encoding/i.test(response.headers['vary'] ?? '') &&
        response.headers['cache-control'] === 'public, max-age=31536000, immutable' &&
        !response.headers['set-cookie'],
      `GET ${path} (${encoding}) → ${response.status}, ${response.headers['content-encoding']}, ` +
        `${response.body.length} of ${expected.length} bytes, ${response.headers['cache-control']}, ` +
        `${response.headers['set-cookie'] ? 'sets a cookie' : 'no cookie'}`
    )
    const again = await raw(path, {
      'accept-encoding': encoding,
      'if-none-match': response.headers['etag'] ?? '',
    })
    check(
      again.status === 304 && again.body.length === 0 && !again.headers['set-cookie'],
      `GET ${path} (${encoding}) with If-None-Match ${response.headers['etag']} → ${again.status}`
    )
  }
}

/** A page compressed with brotli, and with gzip when brotli is not accepted. */
async function compressedPage(path) {
  for (const encoding of ['br', 'gzip']) {
    const response = await raw(path, { 'accept-encoding': encoding })
    const html = DECODE[response.headers['content-encoding']]?.(response.body).toString() ?? ''
    check(
      response.status === 200 &&
        response.headers['content-encoding'] === encoding &&
        html.includes('<!DOCTYPE html>'),
      `GET ${path} (${encoding}) → ${response.status}, ${response.headers['content-encoding']}, ` +
        `${response.body.length} bytes for ${html.length}`
    )
  }
}

const TYPES = {
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
}
function publicFiles(folder = 'public') {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? publicFiles(join(folder, entry.name)) : [join(folder, entry.name)]
  )
}

const frontDoor = await page('/', 'href="/oma/login"')
await compressedPage('/')
// The addresses the pages link: each file's content hash in its name.
const htmxUrl = frontDoor.match(/src="(\/assets\/htmx\.[0-9a-f]+\.js)"/)?.[1]
const cssUrl = frontDoor.match(/href="(\/assets\/css\/app\.[0-9a-f]+\.css)"/)?.[1]
check(htmxUrl && cssUrl, `the front door links ${htmxUrl} and ${cssUrl}`)
await page('/privacy', 'id="omakaiku"')
const staffSignIn = await page('/login', 'name="password"')
await page('/offers', '<h1')
await page('/network', 'action="/network"')
await page('/accessibility/feedback', 'name="submissionKey"')

// The national centre's import page and an example file, which the build must carry (metaFiles).
const staffSignedIn = await request('/login', {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ _csrf: csrfToken(staffSignIn) ?? '', ...ADMIN }),
})
check(
  staffSignedIn.status === 302 && staffSignedIn.headers.get('location') === '/home',
  `POST /login → ${staffSignedIn.status} to ${staffSignedIn.headers.get('location')}`
)
await page('/imports', 'enctype="multipart/form-data"')
await asset('/imports/examples/cards', 'docs/import-examples/cards.csv', 'text/csv')

// A print run of two cards: ordered, its codes reserved, its PDF drawn (pdfkit's fonts must be in the build).
const orderForm = await page('/print-runs/new', 'name="quantity"')
const areaId = orderForm.match(/name="areaId"[\s\S]*?<option value="(\d+)"/)?.[1] ?? ''
const ordered = await request('/print-runs', {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    _csrf: csrfToken(orderForm) ?? '',
    cardType: 'personal',
    language: 'fi',
    quantity: '2',
    areaId,
    submissionKey: crypto.randomUUID(),
  }),
})
const runPath = ordered.headers.get('location') ?? ''
check(
  ordered.status === 302 && /^\/print-runs\/\d+$/.test(runPath),
  `POST /print-runs → ${ordered.status} to ${runPath}`
)
let runPage = ''
for (let attempt = 0; attempt < 30 && !runPage.includes('/cards/sheet'); attempt++) {
  if (attempt) await new Promise((resolve) => setTimeout(resolve, 1000))
  runPage = await (await request(runPath)).text()
}
const pdf = await request(`${runPath}/cards/sheet`)
const pdfBody = Buffer.from(await pdf.arrayBuffer())
check(
  pdf.status === 200 &&
    pdf.headers.get('content-type')?.startsWith('application/pdf') &&
    pdfBody.subarray(0, 5).toString() === '%PDF-' &&
    pdfBody.length > 2000,
  `GET ${runPath}/cards/sheet → ${pdf.status}, ${pdf.headers.get('content-type')}, ${pdfBody.length} bytes`
)

// OmaKaiku: sign in as the demo cardholder and open the card.
const signIn = await page('/oma/login', 'name="password"')
const signedIn = await request('/oma/login', {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ _csrf: csrfToken(signIn) ?? '', ...HOLDER }),
})
check(
  signedIn.status === 302 && signedIn.headers.get('location') === '/oma/card',
  `POST /oma/login → ${signedIn.status} to ${signedIn.headers.get('location')}`
)
await page('/oma/card', '<svg')
if (second) {
  const elsewhere = await request('/oma/card', {}, second)
  check(
    elsewhere.status === 200 && (await elsewhere.text()).includes('<svg'),
    `GET ${second}/oma/card with the session begun on ${base} → ${elsewhere.status}`
  )
}

const require = createRequire(import.meta.url)
await asset(
  '/assets/htmx.js',
  require.resolve('htmx.org/dist/htmx.min.js', { paths: [process.cwd()] }),
  'text/javascript'
)
if (htmxUrl) {
  await hashedAsset(
    htmxUrl,
    require.resolve('htmx.org/dist/htmx.min.js', { paths: [process.cwd()] })
  )
}
if (cssUrl) await hashedAsset(cssUrl, 'public/css/app.css')
await compressedPage('/oma/card')
await generated('/oma/manifest.webmanifest', 'application/manifest+json')
await generated('/oma/service-worker.js', 'text/javascript')
for (const file of publicFiles()) {
  const extension = file.slice(file.lastIndexOf('.'))
  await asset(`/${relative('public', file)}`, file, TYPES[extension] ?? '')
}

console.log(`\nproduction build: ${checks - failures.length} of ${checks} checks passed`)
if (failures.length) process.exit(1)
