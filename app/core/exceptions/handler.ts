import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { isHolderPath } from '#core/middleware/session_middleware'
import { withoutContactDetails } from '#core/services/contact_masking'
import { isLocalPath } from '#core/services/local_path'

/** OmaKaiku's pages keep the cardholder's own frame, also when something is not found. */
export const notFoundPage = (path: string) =>
  isHolderPath(path) ? 'pages/omakaiku/not_found' : 'pages/errors/not_found'

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  protected renderStatusPages = true

  /** Friendly pages for 404 and 403 everywhere; for 500 in production (developers see the trace). */
  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '404': (_, { view, request }) => view.render(notFoundPage(request.url())),
    '403': (_, { view }) => view.render('pages/errors/forbidden'),
    ...(app.inProduction
      ? {
          '500..599': (_: unknown, { view }: HttpContext) =>
            view.render('pages/errors/server_error'),
        }
      : {}),
  }

  /**
   * The log names no cardholder: an error that quotes an address or a phone
   * number (a mail server refusing a recipient during activation, say) is
   * reported with them masked.
   */
  async report(error: unknown, ctx: HttpContext) {
    if (error instanceof Error) {
      const masked = withoutContactDetails(error.message)
      if (masked !== error.message) {
        error.stack = error.stack?.replace(error.message, masked)
        error.message = masked
      }
    }
    return super.report(error, ctx)
  }

  async handle(error: unknown, ctx: HttpContext) {
    if (this.#isCode(error, 'E_BAD_CSRF_TOKEN')) {
      return this.#refuseStaleForm(ctx)
    }
    if (this.#isCode(error, 'E_ROW_NOT_FOUND') || this.#deniedAs(error) === 404) {
      return this.#renderPage(ctx, 404, notFoundPage(ctx.request.url()))
    }
    if (this.#deniedAs(error) === 403) {
      return this.#renderPage(ctx, 403, 'pages/errors/forbidden')
    }
    if (this.#isCode(error, 'E_REQUEST_ENTITY_TOO_LARGE')) {
      const holder = isHolderPath(ctx.request.url())
      return this.#renderPage(ctx, 413, `pages/${holder ? 'omakaiku' : 'errors'}/too_large`)
    }
    return super.handle(error, ctx)
  }

  /**
   * A missing or forged CSRF token. When the session has expired, the user
   * signs in again and returns to the page they were on; otherwise the form
   * was stale, and nothing was written.
   */
  async #refuseStaleForm(ctx: HttpContext) {
    const referrer = this.#samePath(ctx.request.header('referer'))
    // Cardholders (OmaKaiku) and staff sign in on their own pages, with their own sessions.
    const holder = isHolderPath(ctx.request.url())
    const signInPage = urlFor(holder ? 'holder_session.create' : 'session.create')
    const signedIn = holder ? await ctx.auth.use('holder').check() : ctx.auth.isAuthenticated
    if (!signedIn) {
      if (referrer && !referrer.startsWith(signInPage)) ctx.session.put('intendedUrl', referrer)
      ctx.session.flash('sessionExpired', true)
      // htmx would follow a redirect inside the page: the sign-in page takes the whole window.
      if (ctx.request.header('hx-request')) {
        ctx.response.header('HX-Redirect', signInPage)
        return ctx.response.noContent()
      }
      return ctx.response.redirect(signInPage)
    }
    ctx.response.status(403)
    return ctx.response.send(
      await ctx.view.render(holder ? 'pages/omakaiku/stale_form' : 'pages/errors/stale_form', {
        backUrl: referrer ?? urlFor(holder ? 'my_card.show' : 'home.show'),
      })
    )
  }

  async #renderPage(ctx: HttpContext, status: number, page: string) {
    ctx.response.status(status)
    return ctx.response.send(await ctx.view.render(page))
  }

  /** The status a bouncer policy refused with (404 hides that the record exists). */
  #deniedAs(error: unknown): number | null {
    if (!this.#isCode(error, 'E_AUTHORIZATION_FAILURE')) return null
    const response = (error as { response?: { status?: number } }).response
    return response?.status ?? 403
  }

  #samePath(url: string | undefined): string | null {
    if (!url) return null
    try {
      const parsed = new URL(url, 'http://localhost')
      // A referrer such as https://evil.example//evil.example has the path //evil.example.
      const path = parsed.pathname + parsed.search
      return isLocalPath(path) ? path : null
    } catch {
      return null
    }
  }

  #isCode(error: unknown, code: string) {
    return typeof error === 'object' && error !== null && 'code' in error && error.code === code
  }
}
