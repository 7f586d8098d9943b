import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { endSessions } from '#core/services/session_revocation'
import { adoptLocale } from '#core/services/locale'
import AccountService from '#omakaiku/services/account_service'
import { accountOfLink, setPasswordWithLink } from '#omakaiku/services/account_links'
import {
  changeHolderPasswordValidator,
  holderEmailValidator,
  setPasswordValidator,
} from '#omakaiku/validators/account'

/** Setting the first password, a forgotten one, and changing it when signed in. */
@inject()
export default class HolderPasswordController {
  constructor(protected accounts: AccountService) {}

  /** The page a link in the e-mail opens: a form while the link works, else what to do. */
  async edit(ctx: HttpContext) {
    const { params, view } = ctx
    const link = await accountOfLink(params.token)
    // The page opens in the language the e-mail was written in, unless the holder chose another here.
    if (link) adoptLocale(ctx, link.account.locale)
    return view.render('pages/omakaiku/set_password', {
      token: params.token,
      usable: Boolean(link),
      firstTime: link?.purpose === 'activation',
    })
  }

  async update({ params, request, response, session, i18n }: HttpContext) {
    const { password } = await request.validateUsing(setPasswordValidator)
    const account = await setPasswordWithLink(params.token, password)
    if (!account)
      return response.redirect().toRoute('holder_password.edit', { token: params.token })
    session.flash('success', i18n.t('omakaiku.password_set'))
    if (account.email) session.flash('email', account.email)
    return response.redirect().toRoute('holder_session.create')
  }

  async forgot({ view }: HttpContext) {
    return view.render('pages/omakaiku/forgot_password')
  }

  async sendLink({ request, response, session, i18n }: HttpContext) {
    const { email } = await request.validateUsing(holderEmailValidator)
    if (!(await this.accounts.requestPasswordLink(email, request.ip()))) {
      session.flashAll()
      session.flash('inputErrorsBag', { email: [i18n.t('omakaiku.link_throttled')] })
      return response.redirect().toRoute('holder_password.forgot')
    }
    // The same answer whether or not the address has an account.
    session.flash('success', i18n.t('omakaiku.link_sent'))
    return response.redirect().toRoute('holder_session.create')
  }

  async change({ view }: HttpContext) {
    return view.render('pages/omakaiku/change_password')
  }

  async saveChange({ request, auth, response, session, i18n }: HttpContext) {
    const account = auth.use('holder').getUserOrFail()
    const { currentPassword, password } = await request.validateUsing(changeHolderPasswordValidator)
    if (!(await account.passwordMatches(currentPassword))) {
      session.flash('inputErrorsBag', {
        currentPassword: [i18n.t('omakaiku.current_password_wrong')],
      })
      return response.redirect().toRoute('holder_password.change')
    }
    account.password = password
    await account.save()
    // Sessions elsewhere (a lost phone, a shared computer) end; this one stays.
    await endSessions('holder', account.id, session.sessionId)
    session.flash('success', i18n.t('omakaiku.password_changed'))
    return response.redirect().toRoute('notification_settings.edit')
  }
}
