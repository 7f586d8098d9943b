import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib'

/*
| Response compression, done by the app itself (docs/OPERATIONS.md): brotli
| when the browser accepts it, else gzip, for text only. Pages are compressed
| per response at a quick setting; the app's files (assets.ts) once, at the
| best setting.
*/

export type Encoding = 'br' | 'gzip'

/** Smaller bodies gain nothing worth the work (and can grow). */
export const MIN_COMPRESSED_BYTES = 512

const TEXT_TYPES =
  /^(text\/(html|css|javascript|csv|plain|xml|calendar)|application\/(json|javascript|xml|manifest\+json|[\w.-]+\+json|[\w.-]+\+xml)|image\/svg\+xml)\s*(;|$)/i

export function isCompressible(contentType: string) {
  return TEXT_TYPES.test(contentType.trim())
}

/**
 * A page or fragment up to this size is compressed on the spot. Through the
 * thread pool each one costs a new compressor and the hop there and back,
 * some 0.15 ms, more than the work itself (0.04 ms for 3 kB, 0.06 ms for
 * 8 kB); a larger body goes there, so that its longer work does not hold up
 * other requests.
 */
const ON_THE_SPOT_BYTES = 16 * 1024

/**
 * Brotli's quality: 11 for files made once; for a page on the spot 3, which
 * costs what gzip does (5 took twice as long for a tenth fewer bytes); for
 * a larger page 5, as its bytes count more.
 */
const BROTLI_QUALITY = { best: 11, onTheSpot: 3, inThePool: 5 }

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

/**
 * The body compressed, or null when it is too small or would not shrink.
 * 'best' for files made once, 'quick' for each page.
 */
export async function compress(
  body: Buffer,
  encoding: Encoding,
  effort: 'best' | 'quick'
): Promise<Buffer | null> {
  if (body.length < MIN_COMPRESSED_BYTES) return null
  const onTheSpot = effort === 'quick' && body.length <= ON_THE_SPOT_BYTES
  const way = effort === 'best' ? 'best' : onTheSpot ? 'onTheSpot' : 'inThePool'
  let result: Buffer
  if (encoding === 'br') {
    const options = {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY[way],
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }
    result = onTheSpot ? brotliCompressSync(body, options) : await brotli(body, options)
  } else {
    const options = { level: effort === 'best' ? 9 : 6 }
    result = onTheSpot ? gzipSync(body, options) : await gzipped(body, options)
  }
  return result.length < body.length ? result : null
}

/**
 * The encoding to answer in, from the request's Accept-Encoding: brotli
 * when it is accepted, else gzip, else none. `q=0` refuses one; `*` accepts
 * any not named.
 */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '')
  const weights = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params
      .map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1])
      .find((v) => v !== undefined)
    weights.set(name.trim(), q === undefined ? 1 : Number(q))
  }
  const accepts = (name: string) => (weights.get(name) ?? weights.get('*') ?? 0) > 0
  if (accepts('br')) return 'br'
  if (accepts('gzip') || (weights.get('x-gzip') ?? 0) > 0) return 'gzip'
  return null
}

/** Adds Accept-Encoding to a Vary header's value, once. */
export function varyOnEncoding(vary: string | undefined) {
  const names = (vary ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
  if (names.includes('*') || names.some((v) => v.toLowerCase() === 'accept-encoding')) {
    return names.join(', ')
  }
  return [...names, 'Accept-Encoding'].join(', ')
}
