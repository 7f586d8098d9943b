import type { HttpContext } from '@adonisjs/core/http'
import { offerListPage, offerPage } from '#offers/services/offer_list'

/** The public offer list, without sign-in: what the card gives, where, and on what terms. */
export default class PublicOffersController {
  async index({ request, view, i18n }: HttpContext) {
    const data = await offerListPage(i18n, request.qs(), 'public_offers')
    if (request.header('hx-request') && request.header('hx-target') === 'offer-results') {
      return view.render('pages/offers/public/_results', data)
    }
    return view.render('pages/offers/public/index', data)
  }

  async show({ params, view }: HttpContext) {
    return view.render('pages/offers/public/show', {
      ...(await offerPage(params.id)),
      offerRoutes: 'public_offers',
    })
  }
}
