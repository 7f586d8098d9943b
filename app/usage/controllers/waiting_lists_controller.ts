import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import WaitingListEntry from '#usage/models/waiting_list_entry'
import { usageVenueIds } from '#usage/services/usage_scope'
import {
  fullComingShows,
  joinShowWaitingList,
  joinWaitingList,
  leaveWaitingList,
  positionOf,
} from '#usage/services/waiting_list'
import { waitingListsOfCard } from '#usage/services/waiting_list_views'
import { findTarget } from '#offers/services/registration_targets'
import OfferService from '#offers/services/offer_service'
import { formatCardCode } from '#registry/services/card_code'
import { cardForActivation } from '#registry/services/holder_card'
import { FieldError, refuseField } from '#core/services/field_error'
import { waitingListPartyOf } from '#usage/validators/waiting_list'

/**
 * Staff put cards on a show's waiting list: the box office when no card
 * places are left, a distributor for a card it issued; the venue takes a
 * card off its show's list.
 */
export default class WaitingListsController {
  async #joined(ctx: HttpContext, entry: WaitingListEntry, backTo: string) {
    ctx.session.flash(
      'success',
      ctx.i18n.t('usage.waiting.joined_flash', {
        code: formatCardCode(entry.cardCode),
        position: await positionOf(entry),
      })
    )
    return ctx.response.redirect(backTo)
  }

  /** The box office: the card the show had no place for goes on its list. */
  async storeAtBoxOffice(ctx: HttpContext) {
    const { request, auth } = ctx
    const actor = auth.use('staff').getUserOrFail()
    const choice = String(request.input('choice', ''))
    const backTo = urlFor('registrations.create', undefined, { qs: { choice } })
    const target = await findTarget(choice, await usageVenueIds(actor), actor.role !== 'venue')
    const party = await waitingListPartyOf(request)
    try {
      if (!target) throw new FieldError('choice', 'usage.refused.unknown_choice')
      const entry = await joinWaitingList(target, String(request.input('code', '')), party, {
        organisationId: actor.organisationId!,
        userId: actor.id,
      })
      return this.#joined(ctx, entry, backTo)
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      return refuseField(ctx, error, backTo)
    }
  }

  /** A distributor's choice of a full show for a card its organisation issued. */
  async createForCard({ auth, params, view }: HttpContext) {
    const card = await cardForActivation(auth.use('staff').getUserOrFail(), params.id)
    return view.render('pages/usage/card_waiting_lists', {
      card,
      shows: await fullComingShows(),
      lists: await waitingListsOfCard(card.code),
    })
  }

  async storeForCard(ctx: HttpContext) {
    const { auth, params, request } = ctx
    const actor = auth.use('staff').getUserOrFail()
    const card = await cardForActivation(actor, params.id)
    const backTo = urlFor('waiting_lists.create_for_card', { id: card.id })
    const party = await waitingListPartyOf(request)
    try {
      const entry = await joinShowWaitingList(
        Number(request.input('occurrence')),
        card.code,
        party,
        {
          organisationId: actor.organisationId!,
          userId: actor.id,
        }
      )
      if (!entry) throw new FieldError('occurrence', 'usage.waiting.choose_show')
      return this.#joined(ctx, entry, backTo)
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      // The card is the page's own: a refusal of it is about the show chosen.
      const field = error.field === 'code' ? 'occurrence' : error.field
      return refuseField(ctx, new FieldError(field, error.messageKey, error.params), backTo)
    }
  }

  /** The venue takes a card off its own show's list (another venue's entry is not found). */
  async destroy({ auth, params, response, session, i18n }: HttpContext) {
    const entry = await WaitingListEntry.findOrFail(params.id)
    const occurrence = await new OfferService().findOwnOccurrence(
      auth.use('staff').getUserOrFail().organisationId!,
      entry.occurrenceId
    )
    await leaveWaitingList(entry)
    session.flash('success', i18n.t('usage.waiting.left_flash'))
    return response.redirect().toRoute('rosters.show', { id: occurrence.id })
  }
}
