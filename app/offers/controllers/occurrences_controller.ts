import { randomUUID } from 'node:crypto'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Offer from '#offers/models/offer'
import Occurrence from '#offers/models/occurrence'
import OfferPolicy from '#offers/policies/offer_policy'
import OfferService from '#offers/services/offer_service'
import { offerFormOptions } from '#offers/services/offer_form_options'
import { cardCapRange } from '#offers/services/restrictions'
import { occurrenceChangesValidator, occurrencesValidator } from '#offers/validators/occurrence'
import { occurrenceUsage, placesTakenAt } from '#offers/services/usage_port'
import { unlessRefused } from '#core/services/field_error'

/** Adding occurrences to an offer (one, or one a week), changing one, and removing one nobody has used. */
@inject()
export default class OccurrencesController {
  constructor(protected offers: OfferService) {}

  async create({ params, view, bouncer, i18n }: HttpContext) {
    const offer = await Offer.findOrFail(params.offerId)
    await bouncer.with(OfferPolicy).authorize('manage', offer)
    return view.render('pages/offers/venue/occurrences', {
      offer,
      submissionKey: randomUUID(),
      capExample: cardCapRange(offer, 100),
      ...(await offerFormOptions(i18n)),
    })
  }

  async store(ctx: HttpContext) {
    const { params, request, response, bouncer, session, i18n } = ctx
    const offer = await Offer.findOrFail(params.offerId)
    await bouncer.with(OfferPolicy).authorize('manage', offer)
    const input = await request.validateUsing(occurrencesValidator, { meta: { offer } })
    const backTo = urlFor('occurrences.create', { offerId: offer.id })
    const added = await unlessRefused(ctx, backTo, () => this.offers.addOccurrences(offer, input))
    if (!added) return
    session.flash('success', i18n.t('offers.occurrences_added_flash', { count: added.length }))
    if (added.some((occurrence) => occurrence.addedAfterwards)) {
      session.flash('notice', i18n.t('offers.occurrences_added_afterwards_flash'))
    }
    return response.redirect().toRoute('venue_offers.show', { id: offer.id })
  }

  async edit({ params, view, bouncer, i18n }: HttpContext) {
    const occurrence = await this.#find(params)
    await bouncer.with(OfferPolicy).authorize('manage', occurrence.offer)
    return view.render('pages/offers/venue/occurrence_edit', {
      occurrence,
      offer: occurrence.offer,
      capRange: cardCapRange(occurrence.offer, occurrence.capacity),
      taken: await placesTakenAt(occurrence.id),
      ...(await offerFormOptions(i18n)),
    })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, bouncer, session, i18n } = ctx
    const occurrence = await this.#find(params)
    await bouncer.with(OfferPolicy).authorize('manage', occurrence.offer)
    const input = await request.validateUsing(occurrenceChangesValidator, {
      meta: { offer: occurrence.offer },
    })
    const backTo = urlFor('occurrences.edit', { offerId: occurrence.offerId, id: occurrence.id })
    const saved = await unlessRefused(ctx, backTo, () =>
      this.offers.updateOccurrence(occurrence, input)
    )
    if (!saved) return
    session.flash('success', i18n.t('offers.occurrence_saved_flash'))
    return response.redirect().toRoute('venue_offers.show', { id: occurrence.offerId })
  }

  async #find(params: Record<string, string>) {
    return Occurrence.query()
      .where('id', params.id)
      .where('offer_id', params.offerId)
      .preload('offer')
      .firstOrFail()
  }

  /** Removing a show asks first: it cannot be undone. */
  async confirmDestroy({ params, view, bouncer }: HttpContext) {
    const occurrence = await this.#find(params)
    await bouncer.with(OfferPolicy).authorize('manage', occurrence.offer)
    return view.render('pages/offers/venue/occurrence_delete', {
      occurrence,
      offer: occurrence.offer,
      inUse: await occurrenceUsage().hasUses(occurrence.id),
    })
  }

  async destroy({ params, response, bouncer, session, i18n }: HttpContext) {
    const occurrence = await this.#find(params)
    await bouncer.with(OfferPolicy).authorize('manage', occurrence.offer)
    if (await this.offers.deleteOccurrence(occurrence)) {
      session.flash('success', i18n.t('offers.occurrence_removed_flash'))
    } else {
      session.flash('notice', i18n.t('offers.occurrence_in_use'))
    }
    return response.redirect().toRoute('venue_offers.show', { id: occurrence.offerId })
  }
}
