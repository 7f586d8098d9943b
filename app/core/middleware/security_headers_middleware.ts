import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { isHolderPath } from '#core/middleware/session_middleware'

/*
| Headers that shield (config/shield.ts: CSP, CSRF, X-Frame-Options, HSTS,
| nosniff) does not send. A server middleware, so that public files, htmx
| and pages that are not found carry them too.
|
| `same-origin` rather than `strict-origin-when-cross-origin`: paths such as
| /cards/123 never leave the site with either, but the bare origin would
| still tell another site (a venue's, linked from an offer) that its visitor
| came from the register or OmaKaiku, that is, is likely a cardholder. Only
| our own pages read the Referer (a stale form's way back).
*/
const REFERRER_POLICY = 'same-origin'
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'

export default class SecurityHeadersMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    // Before next(): the static file server copies the headers set so far.
    ctx.response.header('Referrer-Policy', REFERRER_POLICY)
    ctx.response.header('Permissions-Policy', PERMISSIONS_POLICY)
    await next()
    if (isPersonal(ctx)) ctx.response.header('Cache-Control', 'no-store')
  }
}

/**
 * Whether no browser or proxy may keep a copy: everything in OmaKaiku,
 * every download, and every page a staff user sees signed in, except what
 * the app itself marks public (htmx).
 */
function isPersonal(ctx: HttpContext) {
  if (isHolderPath(ctx.request.url())) return true
  const disposition = String(ctx.response.getHeader('Content-Disposition') ?? '')
  if (disposition.startsWith('attachment')) return true
  // ctx.auth exists only once a route has matched; files under public/ come before that.
  const signedIn = 'auth' in ctx && ctx.auth.use('staff').isAuthenticated
  const cacheControl = String(ctx.response.getHeader('Cache-Control') ?? '')
  return signedIn && !cacheControl.includes('public')
}
