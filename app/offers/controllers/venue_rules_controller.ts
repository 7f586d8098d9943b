import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import OfferPolicy from '#offers/policies/offer_policy'
import OfferService from '#offers/services/offer_service'
import { venueRuleValidator } from '#offers/validators/venue_rule'
import { venueRuleOf } from '#offers/services/offer_catalogue'
import { waysOf } from '#offers/services/ticket_info'
import { ticketWayOptions } from '#offers/services/offer_form_options'
import { showContactPhone } from '#registry/services/contact_phone'

/** Rules that span all the venue's offers: open bookings per card, releasing unconfirmed bookings, and how to get a ticket. */
@inject()
export default class VenueRulesController {
  constructor(protected offers: OfferService) {}

  async edit({ auth, view, bouncer, i18n }: HttpContext) {
    await bouncer.with(OfferPolicy).authorize('create')
    const rule = await venueRuleOf(auth.use('staff').getUserOrFail().organisationId!)
    return view.render('pages/offers/venue/rules', {
      rule,
      ticketPhone: rule?.ticketPhone ? showContactPhone(rule.ticketPhone) : '',
      ticketWays: waysOf(rule?.ticketWays),
      ticketWayOptions: ticketWayOptions(i18n),
    })
  }

  async update({ auth, request, response, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(OfferPolicy).authorize('create')
    const input = await request.validateUsing(venueRuleValidator)
    await this.offers.setVenueRule(auth.use('staff').getUserOrFail().organisationId!, input)
    session.flash('success', i18n.t('offers.rules_saved_flash'))
    return response.redirect().toRoute('venue_rules.edit')
  }
}
