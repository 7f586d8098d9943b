import type { HttpContext } from '@adonisjs/core/http'
import { answerOffer, waitingEntry } from '#usage/services/waiting_list_answers'
import { waitingOfferNotice } from '#usage/services/waiting_list_views'
import { answerMessage } from '#messaging/services/waiting_offer_texts'

/**
 * The answer button in a waiting-list offer's e-mail: no sign-in, the link
 * is signed with the app key. GET shows the offer with a yes and a no button
 * (mail scanners open links and must change nothing); POST answers.
 */
export default class WaitingOffersController {
  async #entry({ request, params }: HttpContext) {
    if (!request.hasValidSignature()) return null
    return waitingEntry(Number(params.entry))
  }

  async show(ctx: HttpContext) {
    const entry = await this.#entry(ctx)
    if (!entry) return ctx.response.notFound(await ctx.view.render('pages/omakaiku/not_found'))
    const notice = await waitingOfferNotice(entry.id)
    return ctx.view.render('pages/messaging/waiting_offer', {
      action: ctx.request.url(true),
      notice,
      result: notice ? null : answerMessage(ctx.i18n, { outcome: 'not_open', entry }),
    })
  }

  async store(ctx: HttpContext) {
    const entry = await this.#entry(ctx)
    if (!entry) return ctx.response.notFound(await ctx.view.render('pages/omakaiku/not_found'))
    const result = await answerOffer(entry, ctx.request.input('answer') === 'yes')
    return ctx.view.render('pages/messaging/waiting_offer', {
      action: null,
      notice: null,
      result: answerMessage(ctx.i18n, result),
    })
  }
}
