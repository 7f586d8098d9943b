/*
| bench/page-weight: bytes on the wire for one page of each kind, on a first
| visit (empty cache) and a repeat visit (what the first left in the cache),
| as a browser that sends `Accept-Encoding: br, gzip` loads them: the page,
| the redirects on the way, and every file it links (stylesheets, scripts,
| icons, the web-app manifest, images, and what the stylesheets name). A byte
| count is the response's status line and headers plus its body as sent.
|
| On the repeat visit a file still fresh in the cache (max-age, immutable)
| costs nothing; one with a validator (ETag, Last-Modified) is asked for again
| with If-None-Match/If-Modified-Since and costs its 304 (or the whole file if
| it changed); anything else is fetched again. Pages marked no-store are
| fetched again whole, as a browser does.
|
|   bench/page-weight                 builds, migrates and starts the production build
|   BENCH_URL=http://127.0.0.1:3333 node --import=@poppinss/ts-exec bench/page_weight.ts
|
| Goals (issue 22): first visit ≤ 50 kB, /stats/report ≤ 60 kB, repeat visit
| ≤ 15 kB (1 kB = 1000 bytes). Exits 1 when a goal is missed.
*/
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { DEMO_PASSWORD } from './staff_session.js'

const BASE = new URL(process.env.BENCH_URL ?? 'http://127.0.0.1:3333')
const ACCEPT_ENCODING = 'br, gzip'
const KB = 1000
const agent = new Agent({ keepAlive: true, maxSockets: 6 })

type Who = 'anyone' | 'admin' | 'distributor' | 'venue' | 'coordinator' | 'holder'
const STAFF: Record<Exclude<Who, 'anyone' | 'holder'>, string> = {
  admin: 'admin@kaikukanta.test',
  distributor: 'jakaja@kaikukanta.test',
  venue: 'kohde@kaikukanta.test',
  coordinator: 'koordinaattori@kaikukanta.test',
}
const HOLDER = 'kortti@kaikukanta.test'

const PAGES: { kind: string; path: string; who: Who; firstGoal?: number }[] = [
  { kind: 'front door', path: '/', who: 'anyone' },
  { kind: 'staff sign-in', path: '/login', who: 'anyone' },
  { kind: 'public offers', path: '/offers', who: 'anyone' },
  { kind: 'public statistics', path: '/statistics', who: 'anyone' },
  { kind: 'network directory', path: '/network', who: 'anyone' },
  { kind: 'staff home', path: '/home', who: 'distributor' },
  { kind: 'box office', path: '/usage/register', who: 'venue' },
  { kind: 'card list', path: '/cards', who: 'distributor' },
  { kind: 'card form', path: '/cards/new', who: 'distributor' },
  { kind: 'stats dashboard', path: '/stats/area', who: 'coordinator' },
  { kind: 'stats report', path: '/stats/report', who: 'coordinator', firstGoal: 60 * KB },
  { kind: 'OmaKaiku card', path: '/oma/card', who: 'holder' },
  { kind: 'OmaKaiku offers', path: '/oma/offers', who: 'holder' },
]
const FIRST_GOAL = 50 * KB
const REPEAT_GOAL = 15 * KB

type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer; wire: number }

/** One request; `wire` is the status line, the headers and the body as they came. */
function get(path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(path, BASE),
      { agent, headers: { 'accept-encoding': ACCEPT_ENCODING, ...headers } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const body = Buffer.concat(chunks)
          let head = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            head += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`
          }
          head += '\r\n'
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body,
            wire: Buffer.byteLength(head) + body.length,
          })
        })
      }
    )
    req.on('error', reject)
    req.end()
  })
}

/** A browser: its cookies and its HTTP cache. */
class Browser {
  cookies = new Map<string, string>()
  cache = new Map<string, { stored: number; headers: IncomingHttpHeaders }>()

  cookieHeader(): Record<string, string> {
    if (!this.cookies.size) return {}
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
  }

  keep(answer: Answer) {
    for (const line of answer.headers['set-cookie'] ?? []) {
      const [pair] = line.split(';')
      const [name, ...value] = pair.split('=')
      this.cookies.set(name.trim(), value.join('='))
    }
  }

  /** Fetches as a browser would, using the cache; returns the bytes it cost and the body. */
  async fetch(path: string): Promise<{ wire: number; answer: Answer | null; fromCache: boolean }> {
    const cached = this.cache.get(path)
    const headers = this.cookieHeader()
    if (cached) {
      const cc = parseCacheControl(cached.headers['cache-control'])
      const age = (Date.now() - cached.stored) / 1000
      if (
        !cc['no-cache'] &&
        (cc['immutable'] || (cc['max-age'] !== undefined && age < Number(cc['max-age'])))
      ) {
        return { wire: 0, answer: null, fromCache: true }
      }
      if (cached.headers.etag) headers['if-none-match'] = String(cached.headers.etag)
      if (cached.headers['last-modified']) {
        headers['if-modified-since'] = String(cached.headers['last-modified'])
      }
    }
    const answer = await get(path, headers)
    this.keep(answer)
    const cc = parseCacheControl(answer.headers['cache-control'])
    if (answer.status === 200 && !cc['no-store']) {
      this.cache.set(path, { stored: Date.now(), headers: answer.headers })
    } else if (answer.status === 304 && cached) {
      cached.stored = Date.now()
    }
    return { wire: answer.wire, answer, fromCache: false }
  }
}

function parseCacheControl(value: string | undefined) {
  const result: Record<string, string | true> = {}
  for (const part of (value ?? '').split(',')) {
    const [name, arg] = part.trim().toLowerCase().split('=')
    if (name) result[name] = arg ?? true
  }
  return result
}

async function decode(answer: Answer) {
  const { brotliDecompressSync, gunzipSync } = await import('node:zlib')
  const encoding = answer.headers['content-encoding']
  if (encoding === 'br') return brotliDecompressSync(answer.body).toString()
  if (encoding === 'gzip') return gunzipSync(answer.body).toString()
  return answer.body.toString()
}

/** What a browser loads for a page: stylesheets, scripts, icons, the manifest, images. */
function linkedFiles(html: string) {
  const found = new Set<string>()
  const attr = (tag: string, name: string) =>
    new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)')`).exec(tag)?.slice(1).find(Boolean)
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/)
    // Browsers fetch these for a page; apple-touch-icon only when added to a home screen.
    if (
      rel.some((r) => ['stylesheet', 'icon', 'manifest', 'preload', 'modulepreload'].includes(r))
    ) {
      const href = attr(tag, 'href')
      if (href) found.add(href)
    }
  }
  for (const [tag] of html.matchAll(/<(?:script|img|source)\b[^>]*>/gi)) {
    const src = attr(tag, 'src')
    if (src && !src.startsWith('data:')) found.add(src)
  }
  return [...found].filter((url) => new URL(url, BASE).origin === BASE.origin)
}

function cssUrls(css: string, from: string) {
  return [...css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)]
    .map((m) => m[1])
    .filter((url) => !url.startsWith('data:') && !url.startsWith('#'))
    .map((url) => new URL(url, new URL(from, BASE)))
    .filter((url) => url.origin === BASE.origin)
    .map((url) => url.pathname + url.search)
}

const csrf = (html: string) => /name=["']_csrf["'] value=["']([^"']+)["']/.exec(html)?.[1] ?? ''

async function signIn(browser: Browser, who: Who) {
  if (who === 'anyone') return
  const [form, email] = who === 'holder' ? ['/oma/login', HOLDER] : ['/login', STAFF[who]]
  const page = await get(form, browser.cookieHeader())
  browser.keep(page)
  const body = new URLSearchParams({
    _csrf: csrf(await decode(page)),
    email,
    password: DEMO_PASSWORD,
  })
  const answer = await new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(
      new URL(form, BASE),
      {
        agent,
        method: 'POST',
        headers: {
          ...browser.cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body.toString()),
        },
      },
      (res) => {
        res.resume()
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.alloc(0), wire: 0 })
        )
      }
    )
    req.on('error', reject)
    req.end(body.toString())
  })
  browser.keep(answer)
  if (answer.status !== 302 || answer.headers.location === form) {
    throw new Error(
      `Signing in as ${email} failed (${answer.status} to ${answer.headers.location})`
    )
  }
}

/** One visit: the page (following redirects) and every file it names. */
async function visit(browser: Browser, path: string) {
  let wire = 0
  let requests = 0
  let current = path
  let html = ''
  for (let hops = 0; hops < 5; hops++) {
    const { wire: bytes, answer } = await browser.fetch(current)
    wire += bytes
    requests++
    if (answer && answer.status >= 300 && answer.status < 400 && answer.headers.location) {
      current = new URL(answer.headers.location, new URL(current, BASE)).pathname
      continue
    }
    if (answer && answer.status !== 200 && answer.status !== 304) {
      throw new Error(`${path}: ${answer.status} at ${current}`)
    }
    html = answer?.status === 200 ? await decode(answer) : ''
    break
  }
  const files = linkedFiles(html)
  const seen = new Set<string>()
  while (files.length) {
    const file = files.shift()!
    if (seen.has(file)) continue
    seen.add(file)
    const { wire: bytes, answer, fromCache } = await browser.fetch(file)
    wire += bytes
    if (!fromCache) requests++
    if (answer?.status === 200 && /text\/css/.test(String(answer.headers['content-type']))) {
      files.push(...cssUrls(await decode(answer), file))
    }
  }
  return { wire, requests, landed: current, files: seen.size }
}

const kB = (bytes: number) => (bytes / KB).toFixed(1).padStart(6)

console.log(
  `Page weight on ${BASE.origin} (Accept-Encoding: ${ACCEPT_ENCODING}; 1 kB = 1000 bytes)\n`
)
console.log(
  `${'page'.padEnd(20)} ${'path'.padEnd(16)} ${'files'.padStart(5)}  ${'first kB'.padStart(8)} ${'goal'.padStart(5)}  ${'repeat kB'.padStart(9)} ${'goal'.padStart(5)}  `
)
let missed = 0
for (const page of PAGES) {
  const browser = new Browser()
  await signIn(browser, page.who)
  // Signing in loaded the sign-in page but not its files: the cache is empty.
  const first = await visit(browser, page.path)
  const repeat = await visit(browser, page.path)
  const firstGoal = page.firstGoal ?? FIRST_GOAL
  const firstOk = first.wire <= firstGoal
  const repeatOk = repeat.wire <= REPEAT_GOAL
  if (!firstOk) missed++
  if (!repeatOk) missed++
  console.log(
    `${page.kind.padEnd(20)} ${page.path.padEnd(16)} ${String(first.files).padStart(5)}  ${kB(first.wire).padStart(8)} ${`≤${firstGoal / KB}`.padStart(5)} ${firstOk ? 'ok  ' : 'MISS'} ${kB(repeat.wire).padStart(8)} ${`≤${REPEAT_GOAL / KB}`.padStart(5)} ${repeatOk ? 'ok' : 'MISS'}` +
      (first.landed !== page.path ? `  (ends at ${first.landed})` : '')
  )
}
agent.destroy()
console.log(missed ? `\n${missed} goal(s) missed` : '\nEvery page within its goals')
process.exit(missed ? 1 : 0)
