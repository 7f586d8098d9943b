import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Offer from '#offers/models/offer'
import OfferPolicy from '#offers/policies/offer_policy'
import OfferService from '#offers/services/offer_service'
import { offerFormOptions } from '#offers/services/offer_form_options'
import { restrictionsOf, venueRuleOf } from '#offers/services/offer_catalogue'
import { offerValidator } from '#offers/validators/offer'
import { ticketInfoOf, waysOf } from '#offers/services/ticket_info'
import { occurrenceUsage } from '#offers/services/usage_port'
import { organisationSummary } from '#registry/services/directory'
import { unlessRefused } from '#core/services/field_error'

/** A venue's own offers: list, publish, edit, and each offer's occurrences. */
@inject()
export default class VenueOffersController {
  constructor(protected offers: OfferService) {}

  async index({ auth, view }: HttpContext) {
    const offers = await Offer.query()
      .where('organisation_id', auth.use('staff').getUserOrFail().organisationId!)
      .preload('genre')
      .withCount('occurrences')
      .orderBy('published', 'desc')
      .orderBy('title')
    return view.render('pages/offers/venue/index', { offers })
  }

  async create({ auth, view, bouncer, i18n }: HttpContext) {
    await bouncer.with(OfferPolicy).authorize('create')
    const venue = await organisationSummary(auth.use('staff').getUserOrFail().organisationId!)
    return view.render('pages/offers/venue/form', {
      offer: null,
      defaults: { municipalityId: venue?.municipalityId, children: 'by_type' },
      ...(await offerFormOptions(i18n)),
    })
  }

  async store({ auth, request, response, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(OfferPolicy).authorize('create')
    const input = await request.validateUsing(offerValidator)
    const offer = await this.offers.create(auth.use('staff').getUserOrFail().organisationId!, input)
    session.flash('success', i18n.t('offers.created_flash'))
    return response.redirect().toRoute('venue_offers.show', { id: offer.id })
  }

  async show({ params, view, bouncer }: HttpContext) {
    const offer = await Offer.query()
      .where('id', params.id)
      .preload('genre', (genre) => genre.preload('parent'))
      .preload('occurrences', (occurrences) => occurrences.orderBy('starts_at'))
      .firstOrFail()
    await bouncer.with(OfferPolicy).authorize('manage', offer)
    const rule = await venueRuleOf(offer.organisationId)
    return view.render('pages/offers/venue/show', {
      offer,
      taken: await occurrenceUsage().placesTaken(offer.occurrences.map((o) => o.id)),
      restrictions: restrictionsOf(offer, rule),
      ticketInfo: ticketInfoOf(offer, rule),
    })
  }

  async edit({ params, view, bouncer, i18n }: HttpContext) {
    const offer = await Offer.findOrFail(params.id)
    await bouncer.with(OfferPolicy).authorize('manage', offer)
    return view.render('pages/offers/venue/form', {
      offer,
      defaults: {
        ...offer.$attributes,
        children: offer.childrenAllowed ? 'yes' : 'no',
        availableFrom: offer.availableFrom?.toISODate(),
        availableUntil: offer.availableUntil?.toISODate(),
        ticketWays: waysOf(offer.ticketWays),
      },
      ...(await offerFormOptions(i18n)),
    })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, bouncer, session, i18n } = ctx
    const offer = await Offer.findOrFail(params.id)
    await bouncer.with(OfferPolicy).authorize('manage', offer)
    const input = await request.validateUsing(offerValidator)
    const saved = await unlessRefused(ctx, urlFor('venue_offers.edit', { id: offer.id }), () =>
      this.offers.update(offer, input)
    )
    if (!saved) return
    session.flash('success', i18n.t('offers.updated_flash'))
    return response.redirect().toRoute('venue_offers.show', { id: offer.id })
  }
}
