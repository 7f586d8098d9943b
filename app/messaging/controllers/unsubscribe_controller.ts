import type { HttpContext } from '@adonisjs/core/http'
import { isMessageKind, MESSAGE_KINDS } from '#messaging/message_kinds'
import { turnOffKind } from '#omakaiku/services/notification_settings'
import { contactsOf } from '#omakaiku/services/message_consent'

/**
 * The unsubscribe link in every e-mail to a cardholder: no sign-in, the
 * link is signed with the app key. GET shows a button (mail scanners open
 * links); POST turns that kind of message off, also as the RFC 8058
 * one-click POST that mail programs send without a CSRF token.
 */
export default class UnsubscribeController {
  async #target({ request, params }: HttpContext) {
    if (!request.hasValidSignature() || !isMessageKind(params.kind)) return null
    const accountId = Number(params.account)
    const contacts = await contactsOf([accountId])
    return contacts.has(accountId) ? { accountId, kind: MESSAGE_KINDS[params.kind] } : null
  }

  async show(ctx: HttpContext) {
    const target = await this.#target(ctx)
    if (!target) return ctx.response.notFound(await ctx.view.render('pages/omakaiku/not_found'))
    return ctx.view.render('pages/messaging/unsubscribe', {
      action: ctx.request.url(true),
      choice: ctx.i18n.t(`omakaiku.kind.${target.kind}`),
      done: false,
    })
  }

  async store(ctx: HttpContext) {
    const target = await this.#target(ctx)
    if (!target) return ctx.response.notFound(await ctx.view.render('pages/omakaiku/not_found'))
    await turnOffKind(target.accountId, target.kind)
    return ctx.view.render('pages/messaging/unsubscribe', {
      action: null,
      choice: ctx.i18n.t(`omakaiku.kind.${target.kind}`),
      done: true,
    })
  }
}
