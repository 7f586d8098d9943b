import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { extname, join, relative, sep } from 'node:path'
import app from '@adonisjs/core/services/app'
import { compress, isCompressible, type Encoding } from '#core/services/compression'

/*
| The app's own files for browsers: everything under public/ and htmx (from
| node_modules, never a CDN). Pages link them through `asset('css/app.css')`
| (an Edge global), which gives `/assets/css/app.<hash>.css`: the hash is of
| the file's content, so the address changes whenever the file does and a
| browser may keep the file for a year without asking again.
|
| Each file is read and hashed once; its brotli and gzip forms are made once,
| at the first request that accepts them, and kept in memory. Outside
| production a changed file is read again (development edits public/).
*/

export const ASSET_PREFIX = '/assets/'
/** Long enough that two versions of a file never share it. */
const HASH_LENGTH = 12

const require = createRequire(import.meta.url)
/** Files that are not under public/: the name pages use, and the file. */
const EXTRA: Record<string, string> = {
  'htmx.js': require.resolve('htmx.org/dist/htmx.min.js'),
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
}

export type Asset = {
  /** The name pages use: the path under public/ (`css/app.css`), or `htmx.js`. */
  name: string
  file: string
  type: string
  hash: string
  body: Buffer
  modified: number
  encoded: Partial<Record<Encoding, Promise<Buffer | null>>>
}

let files: Map<string, string> | undefined
const assets = new Map<string, Asset>()

/** Every asset's name and its file, found once. */
function assetFiles() {
  if (files) return files
  const found = new Map<string, string>()
  const walk = (folder: string) => {
    let entries
    try {
      entries = readdirSync(folder, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else found.set(relative(app.publicPath(), path).split(sep).join('/'), path)
    }
  }
  walk(app.publicPath())
  for (const [name, file] of Object.entries(EXTRA)) found.set(name, file)
  files = found
  return found
}

function load(name: string, file: string): Asset {
  const body = readFileSync(file)
  return {
    name,
    file,
    type: TYPES[extname(name)] ?? 'application/octet-stream',
    hash: createHash('sha256').update(body).digest('hex').slice(0, HASH_LENGTH),
    body,
    modified: statSync(file).mtimeMs,
    encoded: {},
  }
}

/** The asset a page names (`css/app.css`, `htmx.js`), or undefined. */
export function assetNamed(name: string): Asset | undefined {
  let file = assetFiles().get(name)
  if (!file && !app.inProduction && extname(name)) {
    // A file added to public/ while developing.
    files = undefined
    file = assetFiles().get(name)
  }
  if (!file) return undefined
  let asset = assets.get(name)
  if (asset && !app.inProduction) {
    try {
      if (statSync(file).mtimeMs !== asset.modified) asset = undefined
    } catch {
      asset = undefined
    }
  }
  if (!asset) {
    try {
      asset = load(name, file)
    } catch {
      return undefined
    }
    assets.set(name, asset)
  }
  return asset
}

/**
 * The address of an asset with its content hash: `/assets/css/app.<hash>.css`.
 * Views call it as `asset('css/app.css')`. An unknown name is an error in the
 * template, found by the first test that renders it.
 */
export function assetUrl(name: string) {
  const asset = assetNamed(name)
  if (!asset) throw new Error(`No asset named ${name} (public/ or htmx.js)`)
  const extension = extname(name)
  return `${ASSET_PREFIX}${name.slice(0, name.length - extension.length)}.${asset.hash}${extension}`
}

/**
 * Which asset an address asks for and whether its hash is the current one:
 * `/assets/css/app.<hash>.css`, `/assets/htmx.js` (the address before hashes),
 * or a file's own place under public/ (`/css/app.css`).
 */
export function assetForPath(path: string): { asset: Asset; current: boolean } | undefined {
  let name: string
  let hash: string | undefined
  if (path.startsWith(ASSET_PREFIX)) {
    name = path.slice(ASSET_PREFIX.length)
    const hashed = /^(.+)\.([0-9a-f]{6,64})(\.[^./]+)$/.exec(name)
    if (hashed && assetFiles().has(hashed[1] + hashed[3])) {
      name = hashed[1] + hashed[3]
      hash = hashed[2]
    }
  } else {
    name = path.slice(1)
    // Pages have no extension; only files are looked for.
    if (!extname(name)) return undefined
  }
  if (name.includes('..')) return undefined
  const asset = assetNamed(name)
  if (!asset) return undefined
  return { asset, current: hash === asset.hash }
}

/** The asset's body in an encoding, made once; null when not worth it. */
export function encodedAsset(asset: Asset, encoding: Encoding) {
  asset.encoded[encoding] ??= isCompressible(asset.type)
    ? compress(asset.body, encoding, 'best')
    : Promise.resolve(null)
  return asset.encoded[encoding]!
}
