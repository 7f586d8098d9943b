import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import {
  chooseEncoding,
  compress,
  isCompressible,
  varyOnEncoding,
} from '#core/services/compression'

/*
| Pages, htmx fragments, JSON and CSV answers compressed with brotli or gzip
| when the browser accepts it (#core/services/compression). A server
| middleware, so that error pages are compressed too; it works on the body a
| controller or the error handler gave (response.send), before it is written.
| Streams and file downloads go as they are, and so does a body that already
| has a Content-Encoding. The app's own files are compressed once, in memory,
| by the assets middleware.
*/
export default class CompressionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await next()
    await compressBody(ctx)
  }
}

async function compressBody({ request, response }: HttpContext) {
  if (!response.isPending || !response.hasContent) return
  if (request.method() === 'HEAD') return
  const status = response.getStatus()
  if (status < 200 || status === 204 || status === 304) return
  if (response.getHeader('Content-Encoding')) return
  if (String(response.getHeader('Cache-Control') ?? '').includes('no-transform')) return

  const [content, generateEtag, jsonpCallback] = response.content!
  if (jsonpCallback) return
  let type = response.getHeader('Content-Type') as string | undefined
  let text: string | Buffer
  if (typeof content === 'string') {
    type ??= content.trimStart().startsWith('<')
      ? 'text/html; charset=utf-8'
      : 'text/plain; charset=utf-8'
    text = content
  } else if (Buffer.isBuffer(content)) {
    if (!type) return
    text = content
  } else if (content !== null && typeof content === 'object' && !(content instanceof Date)) {
    type ??= 'application/json; charset=utf-8'
    text = JSON.stringify(content)
  } else {
    return
  }
  if (!isCompressible(type)) return

  response.header('Vary', varyOnEncoding(response.getHeader('Vary') as string | undefined))
  const encoding = chooseEncoding(request.header('accept-encoding'))
  if (!encoding) return
  const compressed = await compress(Buffer.from(text), encoding, 'quick')
  if (!compressed) return
  response.header('Content-Type', type)
  response.header('Content-Encoding', encoding)
  response.send(compressed, generateEtag)
}
