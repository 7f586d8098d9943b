import { randomUUID } from 'node:crypto'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Card from '#registry/models/card'
import CardPolicy from '#registry/policies/card_policy'
import CardService from '#registry/services/card_service'
import { unlessRefused } from '#core/services/field_error'
import {
  confirmCardChangeValidator,
  correctCardValidator,
  extendCardValidator,
  replaceCardValidator,
} from '#registry/validators/card'
import { hasPrintedCards } from '#registry/services/printed_card_check'
import { issuerOf, refuseOrConfirmCode } from '#registry/services/code_field'
import { validUntilFor } from '#registry/services/card_validity'
import { cardFormOptions } from '#registry/services/card_form_options'
import { today } from '#core/services/time'

type Change = 'extend' | 'end' | 'withdraw' | 'consent' | 'correct' | 'replace'

/**
 * The changes to an existing card, each a form: extend, end, withdraw,
 * withdrawal of the holder's consent, correction of the background data,
 * and moving a lost card to a new code.
 */
@inject()
export default class CardChangesController {
  constructor(protected cards: CardService) {}

  async edit({ params, view, bouncer, i18n, auth }: HttpContext) {
    const card = await Card.query()
      .where('id', params.id)
      .preload('issuingOrganisation', (o) => o.preload('area'))
      .firstOrFail()
    await bouncer.with(CardPolicy).authorize('change', card)
    const change = params.change as Change
    return view.render(`pages/cards/${change}`, {
      card,
      submissionKey: randomUUID(),
      newValidUntil:
        change === 'extend' ? validUntilFor(today(), card.issuingOrganisation.area ?? null) : null,
      codeSource:
        change === 'replace' &&
        (await hasPrintedCards(await issuerOf(auth.use('staff').getUserOrFail())))
          ? 'printed'
          : 'new',
      ...cardFormOptions(i18n),
    })
  }

  async update(ctx: HttpContext) {
    const { params, request, auth, bouncer, response, session, i18n } = ctx
    const card = await Card.findOrFail(params.id)
    await bouncer.with(CardPolicy).authorize('change', card)
    const change = params.change as Change
    const actor = auth.use('staff').getUserOrFail()

    const backTo = urlFor('card_changes.edit', { id: card.id, change })
    if (change === 'replace' && request.input('checkCode')) {
      return refuseOrConfirmCode(ctx, backTo, card.type)
    }

    const changed = await unlessRefused(ctx, backTo, async () => {
      if (change === 'correct') {
        return this.cards.correct(card, await request.validateUsing(correctCardValidator), actor)
      }
      if (change === 'replace') {
        return this.cards.replace(card, await request.validateUsing(replaceCardValidator), actor)
      }
      if (change === 'extend') {
        return this.cards.extend(card, await request.validateUsing(extendCardValidator), actor)
      }
      const input = await request.validateUsing(confirmCardChangeValidator)
      if (change === 'end') return this.cards.end(card, input, actor)
      if (change === 'withdraw') return this.cards.withdraw(card, input, actor)
      return this.cards.withdrawConsent(card, input, actor)
    })
    if (!changed) return

    session.flash('success', i18n.t(`cards.change.${change}.flash`))
    return response.redirect().toRoute('cards.show', { id: card.id })
  }
}
