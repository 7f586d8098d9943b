import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { HOLDER_PATH } from '#config/session'
import { holderSignIns } from '#core/services/sign_in_throttle'
import { tagSession } from '#core/services/session_revocation'
import { adoptLocale } from '#core/services/locale'
import { isLocalPath } from '#core/services/local_path'
import Account from '#omakaiku/models/account'
import { holderSignInValidator } from '#omakaiku/validators/account'

/** Cardholders sign in with their e-mail address and password. */
export default class HolderSessionController {
  async create({ view, session }: HttpContext) {
    return view.render('pages/omakaiku/sign_in', {
      sessionExpired: session.flashMessages.get('sessionExpired'),
    })
  }

  async store(ctx: HttpContext) {
    const { request, auth, response, session, i18n } = ctx
    const { email, password } = await request.validateUsing(holderSignInValidator)
    const ip = request.ip()
    const refuse = (message: string) => {
      session.flash('inputErrorsBag', { email: [message] })
      session.flash('email', email)
      return response.redirect().toRoute('holder_session.create')
    }

    const waitSeconds = await holderSignIns.take(email, ip)
    if (waitSeconds > 0) {
      return refuse(i18n.t('omakaiku.throttled', { minutes: Math.ceil(waitSeconds / 60) }))
    }
    let account: Account
    try {
      // An account whose password was never set cannot sign in: verification fails like a wrong one.
      account = await Account.verifyCredentials(email.toLowerCase(), password)
    } catch {
      return refuse(i18n.t('omakaiku.invalid_credentials'))
    }

    await holderSignIns.succeeded(email, ip)
    const intendedUrl = session.pull('intendedUrl', urlFor('my_card.show'))
    session.regenerate()
    await auth.use('holder').login(account)
    await tagSession(session, account.id)
    adoptLocale(ctx, account.locale)
    return response.redirect(
      isLocalPath(intendedUrl) && intendedUrl.startsWith(`${HOLDER_PATH}/`)
        ? intendedUrl
        : urlFor('my_card.show')
    )
  }

  /** Signing out also clears the copy of the card page kept for offline use on this device. */
  async destroy({ auth, response, session, i18n }: HttpContext) {
    await auth.use('holder').logout()
    response.header('Clear-Site-Data', '"cache", "storage"')
    session.flash('success', i18n.t('auth.signed_out'))
    return response.redirect().toRoute('holder_session.create')
  }
}
