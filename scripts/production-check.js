// Requests the pages and assets of a running production build, as a browser
// would: the front door, the privacy notice, the network directory, the
// accessibility feedback form, the staff sign-in page, the
// national centre's import page and an example file, a print run's PDF, the public offer list, a cardholder signed
// in to OmaKaiku at /oma/card, htmx, OmaKaiku's web-app files and every
// file under public/. Each must
// answer 200 with the right content type; each asset must be the file in
// the repository, byte for byte. Run by scripts/production-check.sh.
//
//   node scripts/production-check.js http://127.0.0.1:3339 [http://127.0.0.1:3340]
import { readFileSync, readdirSync } from 'node:fs'
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

await page('/', 'href="/oma/login"')
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
await generated('/oma/manifest.webmanifest', 'application/manifest+json')
await generated('/oma/service-worker.js', 'text/javascript')
for (const file of publicFiles()) {
  const extension = file.slice(file.lastIndexOf('.'))
  await asset(`/${relative('public', file)}`, file, TYPES[extension] ?? '')
}

console.log(`\nproduction build: ${checks - failures.length} of ${checks} checks passed`)
if (failures.length) process.exit(1)
