import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import User from '#registry/models/user'
import { signInValidator } from '#registry/validators/auth'
import { staffSignIns } from '#core/services/sign_in_throttle'
import { mayStillWork } from '#registry/services/staff_standing'
import { tagSession } from '#core/services/session_revocation'
import { isLocalPath } from '#core/services/local_path'

export default class SessionController {
  async create({ view, session }: HttpContext) {
    return view.render('pages/auth/sign_in', {
      sessionExpired: session.flashMessages.get('sessionExpired'),
    })
  }

  async store({ request, auth, response, session, i18n }: HttpContext) {
    const { email, password } = await request.validateUsing(signInValidator)
    const ip = request.ip()

    const waitSeconds = await staffSignIns.take(email, ip)
    if (waitSeconds > 0) {
      return this.#refuse(
        session,
        response,
        email,
        i18n.t('auth.throttled', { minutes: Math.ceil(waitSeconds / 60) })
      )
    }

    let user: User
    try {
      user = await User.verifyCredentials(email.toLowerCase(), password)
    } catch {
      return this.#refuse(session, response, email, i18n.t('auth.invalid_credentials'))
    }
    await staffSignIns.succeeded(email, ip)
    // A deactivated user, or one of a deactivated organisation, is told nothing more than a wrong password.
    if (!(await mayStillWork(user))) {
      return this.#refuse(session, response, email, i18n.t('auth.invalid_credentials'))
    }

    const intendedUrl = session.pull('intendedUrl', urlFor('home.show'))
    session.regenerate()
    await auth.use('staff').login(user)
    await tagSession(session, user.id)
    return response.redirect(isLocalPath(intendedUrl) ? intendedUrl : urlFor('home.show'))
  }

  async destroy({ auth, response, session, i18n }: HttpContext) {
    await auth.use('staff').logout()
    session.flash('success', i18n.t('auth.signed_out'))
    return response.redirect().toRoute('session.create')
  }

  #refuse(
    session: HttpContext['session'],
    response: HttpContext['response'],
    email: string,
    message: string
  ) {
    session.flash('inputErrorsBag', { email: [message] })
    session.flash('email', email)
    return response.redirect().toRoute('session.create')
  }
}
