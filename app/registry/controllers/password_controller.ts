import hash from '@adonisjs/core/services/hash'
import type { HttpContext } from '@adonisjs/core/http'
import { changePasswordValidator } from '#registry/validators/auth'
import { endSessions } from '#core/services/session_revocation'

/** A signed-in user changes their own password. */
export default class PasswordController {
  async edit({ view }: HttpContext) {
    return view.render('pages/auth/change_password')
  }

  async update({ request, auth, response, session, i18n }: HttpContext) {
    const user = auth.use('staff').getUserOrFail()
    const { currentPassword, password } = await request.validateUsing(changePasswordValidator)
    if (!(await hash.verify(user.password, currentPassword))) {
      session.flash('inputErrorsBag', { currentPassword: [i18n.t('auth.current_password_wrong')] })
      return response.redirect().toRoute('password.edit')
    }
    user.password = password
    await user.save()
    // Sessions elsewhere end; this one stays.
    await endSessions('staff', user.id, session.sessionId)
    session.flash('success', i18n.t('auth.password_changed'))
    return response.redirect().toRoute('password.edit')
  }
}
