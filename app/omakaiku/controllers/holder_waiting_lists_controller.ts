import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { joinShowWaitingList, leaveWaitingList, positionOf } from '#usage/services/waiting_list'
import { answerOffer, entryOfCard } from '#usage/services/waiting_list_answers'
import { waitingListsOfCard } from '#usage/services/waiting_list_views'
import { FieldError, refusalMessage } from '#core/services/field_error'
import { formatCardCode } from '#registry/services/card_code'
import { formatTime } from '#core/services/formatting'
import { holderWaitingListJoinValidator } from '#omakaiku/validators/waiting_list_join'

/**
 * The holder's waiting lists in OmaKaiku: joining a full show's list from
 * the offer's page, the card's place in each queue, answering an offer of a
 * freed place, and leaving a list. Always by the holder's own card code.
 */
export default class HolderWaitingListsController {
  async index({ auth, view }: HttpContext) {
    const { cardCode } = auth.use('holder').getUserOrFail()
    return view.render('pages/omakaiku/waiting_lists', {
      lists: await waitingListsOfCard(cardCode),
    })
  }

  async store({ auth, request, response, session, i18n }: HttpContext) {
    const { cardCode } = auth.use('holder').getUserOrFail()
    const offerId = Number(request.input('offer')) || null
    const { childrenCount } = await request.validateUsing(holderWaitingListJoinValidator)
    // A holder's card is a personal one: children may come along, never a group.
    const party = { childrenCount: childrenCount ?? 0, groupSize: null }
    try {
      const entry = await joinShowWaitingList(
        Number(request.input('occurrence')),
        cardCode,
        party,
        null
      )
      if (!entry) return response.notFound()
      session.flash(
        'success',
        i18n.t('usage.waiting.joined_flash', {
          code: formatCardCode(cardCode),
          position: await positionOf(entry),
        })
      )
      return response.redirect().toRoute('holder_waiting_lists.index')
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      session.flash('notice', refusalMessage(i18n, error))
      return response.redirect(
        offerId
          ? urlFor('holder_offers.show', { id: offerId })
          : urlFor('holder_waiting_lists.index')
      )
    }
  }

  async answer({ auth, params, request, response, session, i18n }: HttpContext) {
    const { cardCode } = auth.use('holder').getUserOrFail()
    const entry = await entryOfCard(Number(params.id), [cardCode])
    if (!entry) return response.notFound()
    const result = await answerOffer(entry, request.input('answer') === 'yes')
    const text =
      result.outcome === 'expired'
        ? i18n.t('usage.waiting.answer.expired', { until: formatTime(result.until, i18n.locale) })
        : result.outcome === 'refused'
          ? i18n.t('usage.waiting.answer.refused', { reason: refusalMessage(i18n, result.refusal) })
          : i18n.t(`usage.waiting.answer.${result.outcome}`)
    session.flash(result.outcome === 'accepted' ? 'success' : 'notice', text)
    return response
      .redirect()
      .toRoute(result.outcome === 'accepted' ? 'my_events.index' : 'holder_waiting_lists.index')
  }

  async leave({ auth, params, response, session, i18n }: HttpContext) {
    const { cardCode } = auth.use('holder').getUserOrFail()
    const entry = await entryOfCard(Number(params.id), [cardCode])
    if (!entry) return response.notFound()
    await leaveWaitingList(entry)
    session.flash('notice', i18n.t('usage.waiting.left_holder_flash'))
    return response.redirect().toRoute('holder_waiting_lists.index')
  }
}
