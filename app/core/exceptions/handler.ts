import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  /** Friendly pages for 404 and 403 everywhere; for 500 in production. */
  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '404': (_, { view }) => view.render('pages/errors/not_found'),
    '403': (_, { view }) => view.render('pages/errors/forbidden'),
    '500..599': (_, { view }) => view.render('pages/errors/server_error'),
  }

  async handle(error: unknown, ctx: HttpContext) {
    if (this.#isCode(error, 'E_BAD_CSRF_TOKEN')) {
      return this.#refuseStaleForm(ctx)
    }
    if (this.#isCode(error, 'E_ROW_NOT_FOUND') || (this.#isCode(error, 'E_AUTHORIZATION_FAILURE') && this.#status(error) === 404)) {
      ctx.response.status(404)
      return ctx.response.send(await ctx.view.render('pages/errors/not_found'))
    }
    if (!app.inProduction && this.#status(error) >= 500) {
      this.renderStatusPages = false
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }

  /**
   * A missing or forged CSRF token. When the session has expired, the user
   * signs in again and returns to the page they were on; otherwise the form
   * was stale, and nothing was written.
   */
  async #refuseStaleForm(ctx: HttpContext) {
    const referrer = this.#samePath(ctx.request.header('referer'))
    if (!ctx.auth.isAuthenticated) {
      if (referrer && !referrer.startsWith('/login')) ctx.session.put('intendedUrl', referrer)
      ctx.session.flash('sessionExpired', true)
      return ctx.response.redirect('/login')
    }
    ctx.response.status(403)
    return ctx.response.send(await ctx.view.render('pages/errors/stale_form', { backUrl: referrer ?? '/' }))
  }

  #samePath(url: string | undefined): string | null {
    if (!url) return null
    try {
      const parsed = new URL(url, 'http://localhost')
      return parsed.pathname + parsed.search
    } catch {
      return null
    }
  }

  #isCode(error: unknown, code: string) {
    return typeof error === 'object' && error !== null && 'code' in error && error.code === code
  }

  #status(error: unknown): number {
    return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
      ? error.status
      : 500
  }
}
