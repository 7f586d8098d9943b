import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { refuseField, FieldError } from '#core/services/field_error'
import { endSessions } from '#core/services/session_revocation'
import AccountService from '#omakaiku/services/account_service'
import { myData } from '#omakaiku/services/my_data'
import { withdrawConsentByHolder } from '#registry/services/holder_card'
import { municipalityChoices } from '#registry/services/directory'

/**
 * What is stored about the holder, in both systems, as a page and as a JSON
 * download; deleting the OmaKaiku account; withdrawing consent.
 */
@inject()
export default class MyDataController {
  constructor(protected accounts: AccountService) {}

  async show({ auth, view, i18n }: HttpContext) {
    const account = auth.use('holder').getUserOrFail()
    const municipalities = await municipalityChoices(i18n.locale)
    const municipality = municipalities.find((m) => m.id === account.municipalityId)
    return view.render('pages/omakaiku/my_data', {
      data: await myData(account),
      municipalityName: municipality?.name ?? '',
    })
  }

  async download({ auth, response }: HttpContext) {
    const account = auth.use('holder').getUserOrFail()
    response.header('Content-Type', 'application/json; charset=utf-8')
    response.header('Content-Disposition', 'attachment; filename="omakaiku-my-data.json"')
    return response.send(JSON.stringify(await myData(account), null, 2))
  }

  async confirmDelete({ view }: HttpContext) {
    return view.render('pages/omakaiku/delete_account')
  }

  /** Asks for the password, so that a phone left open cannot delete the account in one tap. */
  async deleteAccount(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    const account = auth.use('holder').getUserOrFail()
    const password = String(request.input('password') ?? '')
    if (!(await account.passwordMatches(password))) {
      const error = new FieldError('password', 'omakaiku.current_password_wrong')
      return refuseField(ctx, error, urlFor('my_data.confirm_delete'))
    }
    await auth.use('holder').logout()
    await this.accounts.delete(account)
    await endSessions('holder', account.id, session.sessionId)
    response.header('Clear-Site-Data', '"cache", "storage"')
    session.flash('success', i18n.t('omakaiku.account_deleted'))
    return response.redirect().toRoute('holder_session.create')
  }

  async confirmWithdrawConsent({ view }: HttpContext) {
    return view.render('pages/omakaiku/withdraw_consent')
  }

  async withdrawConsent(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    if (!request.input('confirm')) {
      const error = new FieldError('confirm', 'omakaiku.confirm_needed')
      return refuseField(ctx, error, urlFor('my_data.confirm_withdraw_consent'))
    }
    await withdrawConsentByHolder(auth.use('holder').getUserOrFail().cardCode)
    session.flash('success', i18n.t('omakaiku.consent_withdrawn'))
    return response.redirect().toRoute('my_card.show')
  }
}
