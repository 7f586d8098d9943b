import type { HttpContext } from '@adonisjs/core/http'
import { forgotPasswordValidator, resetPasswordValidator } from '#registry/validators/auth'
import {
  isUsableResetLink,
  resetPassword,
  sendPasswordResetLink,
} from '#registry/services/password_reset'
import { pickLocale } from '#core/services/locale'

/** Forgotten password: a single-use, expiring link by e-mail. */
export default class PasswordResetController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/forgot_password')
  }

  async store({ request, response, session, i18n }: HttpContext) {
    const { email } = await request.validateUsing(forgotPasswordValidator)
    if (!(await sendPasswordResetLink(email, pickLocale(i18n.locale), request.ip()))) {
      session.flashAll()
      session.flash('inputErrorsBag', { email: [i18n.t('auth.reset_throttled')] })
      return response.redirect().toRoute('password_reset.create')
    }
    // The same answer whether or not the address has an account.
    session.flash('success', i18n.t('auth.reset_link_sent'))
    return response.redirect().toRoute('session.create')
  }

  async edit({ params, view }: HttpContext) {
    const usable = await isUsableResetLink(params.token)
    return view.render('pages/auth/reset_password', { token: params.token, usable })
  }

  async update({ params, request, response, session, i18n }: HttpContext) {
    const { password } = await request.validateUsing(resetPasswordValidator)
    const user = await resetPassword(params.token, password)
    if (!user) {
      return response.redirect().toRoute('password_reset.edit', { token: params.token })
    }
    session.flash('success', i18n.t('auth.password_set'))
    return response.redirect().toRoute('session.create')
  }
}
