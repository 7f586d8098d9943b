import { createRequire } from 'node:module'
import type { HttpContext } from '@adonisjs/core/http'

const require = createRequire(import.meta.url)
const htmxPath = require.resolve('htmx.org/dist/htmx.min.js')

/** htmx is served by the app itself from node_modules, never from a CDN. */
export default class AssetsController {
  async htmx({ response }: HttpContext) {
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=86400')
    return response.download(htmxPath)
  }
}
