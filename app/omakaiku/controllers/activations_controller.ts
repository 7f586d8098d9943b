import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { unlessRefused } from '#core/services/field_error'
import { optionsOf, recordOptions } from '#core/services/choice_options'
import { LOCALES } from '#config/i18n'
import AccountService from '#omakaiku/services/account_service'
import {
  activationValidator,
  phoneCodeValidator,
  resendValidator,
} from '#omakaiku/validators/account'
import { municipalityChoices } from '#registry/services/directory'
import { PHONE_CODE } from '#omakaiku/services/phone_confirmation'

/**
 * A distributor user creates the holder's OmaKaiku account from the card
 * page, with the holder present. What they type goes to OmaKaiku only.
 */
@inject()
export default class ActivationsController {
  constructor(protected accounts: AccountService) {}

  async create({ params, auth, view, i18n }: HttpContext) {
    const status = await this.accounts.awaitingActivation(
      auth.use('staff').getUserOrFail(),
      params.id
    )
    const municipalities = await municipalityChoices(i18n.locale)
    return view.render('pages/omakaiku/activation', {
      ...status,
      municipalityOptions: recordOptions(municipalities, (m) => m.name),
      localeOptions: optionsOf(i18n, 'omakaiku.language', LOCALES),
      defaultLocale: i18n.locale,
      phoneCodeMinutes: PHONE_CODE.minutes,
    })
  }

  async store(ctx: HttpContext) {
    const { params, request, auth, response, session, i18n } = ctx
    const input = await request.validateUsing(activationValidator)
    const done = await unlessRefused(ctx, urlFor('activations.create', { id: params.id }), () =>
      this.accounts.activate(auth.use('staff').getUserOrFail(), params.id, input)
    )
    if (!done) return
    // Without an e-mail the holder reads out the code sent to their phone, on this same page.
    if (!done.email) {
      session.flash('success', i18n.t('omakaiku.phone_code_sent_flash'))
      return response.redirect().toRoute('activations.create', { id: params.id })
    }
    session.flash('success', i18n.t('omakaiku.account_created_flash'))
    return response.redirect().toRoute('cards.show', { id: params.id })
  }

  async confirmPhone(ctx: HttpContext) {
    const { params, request, auth, response, session, i18n } = ctx
    const { phoneCode, smsReminders } = await request.validateUsing(phoneCodeValidator)
    const done = await unlessRefused(ctx, urlFor('activations.create', { id: params.id }), () =>
      this.accounts.confirmPhone(
        auth.use('staff').getUserOrFail(),
        params.id,
        phoneCode,
        Boolean(smsReminders)
      )
    )
    if (!done) return
    session.flash('success', i18n.t('omakaiku.phone_confirmed_flash'))
    return response.redirect().toRoute('cards.show', { id: params.id })
  }

  async resendCode(ctx: HttpContext) {
    const { params, auth, response, session, i18n } = ctx
    const done = await unlessRefused(ctx, urlFor('activations.create', { id: params.id }), () =>
      this.accounts.resendPhoneCode(auth.use('staff').getUserOrFail(), params.id).then(() => true)
    )
    if (!done) return
    session.flash('success', i18n.t('omakaiku.phone_code_sent_flash'))
    return response.redirect().toRoute('activations.create', { id: params.id })
  }

  async resend(ctx: HttpContext) {
    const { params, request, auth, response, session, i18n } = ctx
    const { email } = await request.validateUsing(resendValidator)
    const done = await unlessRefused(ctx, urlFor('activations.create', { id: params.id }), () =>
      this.accounts.resendActivation(auth.use('staff').getUserOrFail(), params.id, email ?? null)
    )
    if (!done) return
    session.flash('success', i18n.t('omakaiku.link_resent_flash'))
    return response.redirect().toRoute('cards.show', { id: params.id })
  }
}
