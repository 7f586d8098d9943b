import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

type Access = { signedIn: 'required' | 'guest' | 'any' }

/**
 * OmaKaiku's gate. Finds out whether a cardholder is signed in (their own
 * guard and session cookie, never the staff one) and shares the account
 * with the templates. `required` sends others to sign in and back; `guest`
 * sends a signed-in holder from the sign-in pages to their card.
 */
export default class HolderMiddleware {
  async handle(ctx: HttpContext, next: NextFn, access: Access = { signedIn: 'any' }) {
    const guard = ctx.auth.use('holder')
    const signedIn = await guard.check()
    ctx.view.share({ holder: guard.user ?? null })

    if (access.signedIn === 'guest' && signedIn) {
      return ctx.response.redirect().toRoute('my_card.show')
    }
    if (access.signedIn === 'required' && !signedIn) {
      if (ctx.request.method() === 'GET') ctx.session.put('intendedUrl', ctx.request.url(true))
      return ctx.response.redirect().toRoute('holder_session.create')
    }
    return next()
  }
}
