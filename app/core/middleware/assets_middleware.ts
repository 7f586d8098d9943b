import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { assetForPath, encodedAsset } from '#core/services/assets'
import { chooseEncoding, isCompressible, varyOnEncoding } from '#core/services/compression'

/** The hashed address names this version: nothing to ask again for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Any other address of the file (an old hash, no hash): ask each time, 304 when unchanged. */
const REVALIDATE = 'public, no-cache'

/*
| The app's files (public/ and htmx, see #core/services/assets): a server
| middleware, so they are answered before the router, without the session
| (no cookie is read or set) or anything else a page needs. Brotli or gzip
| from memory when the browser accepts it; ETag and 304 on every address.
| A file that is not one of the app's assets goes on (to the static server
| and the router).
*/
export default class AssetsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { request, response } = ctx
    const method = request.method()
    if (method !== 'GET' && method !== 'HEAD') return next()
    const found = assetForPath(request.url())
    if (!found) return next()
    const { asset, current } = found

    const compressible = isCompressible(asset.type)
    const encoding = compressible ? chooseEncoding(request.header('accept-encoding')) : null
    const encoded = encoding ? await encodedAsset(asset, encoding) : null
    const etag = `"${asset.hash}${encoded ? `-${encoding}` : ''}"`

    response.header('Cache-Control', current ? IMMUTABLE : REVALIDATE)
    response.header('ETag', etag)
    if (compressible) {
      response.header('Vary', varyOnEncoding(response.getHeader('Vary') as string | undefined))
    }
    if (matches(request.header('if-none-match'), asset.hash)) {
      response.status(304)
      return
    }
    response.header('Content-Type', asset.type)
    if (encoded) response.header('Content-Encoding', encoding!)
    response.status(200).send(encoded ?? asset.body, false)
  }
}

/** Whether If-None-Match names this version of the file, in any encoding. */
function matches(ifNoneMatch: string | undefined, hash: string) {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((tag) => {
    const value = tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '')
    return value === '*' || value === hash || value.startsWith(`${hash}-`)
  })
}
