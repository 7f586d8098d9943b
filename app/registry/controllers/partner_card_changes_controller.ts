import { randomUUID } from 'node:crypto'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import OrganisationPolicy from '#registry/policies/organisation_policy'
import CardService from '#registry/services/card_service'
import { scopedOrganisations } from '#registry/services/admin_scope'
import { partnerCardsOf } from '#registry/services/partner_cards'
import { validUntilFor } from '#registry/services/card_validity'
import { confirmCardChangeValidator } from '#registry/validators/card'
import { unlessRefused } from '#core/services/field_error'
import { today } from '#core/services/time'
import type User from '#registry/models/user'

type Change = 'extend' | 'end'

/** The coordinator extends or ends a partner organisation's community card, with a confirmation. */
@inject()
export default class PartnerCardChangesController {
  constructor(protected cards: CardService) {}

  async edit({ params, auth, view, bouncer }: HttpContext) {
    const { partner, card } = await this.#find(params, auth.use('staff').getUserOrFail())
    await bouncer.with(OrganisationPolicy).authorize('manage', partner)
    return view.render('pages/cards/partner_change', {
      partner,
      card,
      change: params.change as Change,
      newValidUntil: validUntilFor(today(), partner.area ?? null),
      submissionKey: randomUUID(),
    })
  }

  async update(ctx: HttpContext) {
    const { params, auth, bouncer, request, session, i18n, response } = ctx
    const actor = auth.use('staff').getUserOrFail()
    const { partner, card } = await this.#find(params, actor)
    await bouncer.with(OrganisationPolicy).authorize('manage', partner)
    const change = params.change as Change
    const input = await request.validateUsing(confirmCardChangeValidator)
    const changed = await unlessRefused(
      ctx,
      urlFor('partner_card_changes.edit', { id: partner.id, cardId: card.id, change }),
      () =>
        change === 'extend'
          ? this.cards.extend(card, input, actor)
          : this.cards.end(card, input, actor)
    )
    if (!changed) return
    session.flash('success', i18n.t(`cards.change.${change}.flash`))
    return response.redirect().toRoute('organisations.show', { id: partner.id })
  }

  /** A community card of a partner organisation in the user's scope, or 404. */
  async #find(params: Record<string, unknown>, actor: User) {
    const partner = await scopedOrganisations(actor)
      .where('id', Number(params.id))
      .where('type', 'partner')
      .preload('area')
      .firstOrFail()
    const card = await partnerCardsOf(partner.id).where('id', Number(params.cardId)).firstOrFail()
    return { partner, card }
  }
}
