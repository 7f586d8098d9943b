import type { HttpContext } from '@adonisjs/core/http'
import { waitingListsOfCard } from '#usage/services/waiting_list_views'
import { offerListPage, offerPage } from '#offers/services/offer_list'
import { placesLeft } from '#usage/services/venue_usage'
import { holderCard } from '#registry/services/holder_card'

/** Every venue's published offers, as on the public list, with card places left at each show. */
export default class HolderOffersController {
  async index({ request, view, i18n }: HttpContext) {
    const data = await offerListPage(i18n, request.qs(), 'holder_offers')
    const nextShows = data.page.all().flatMap((offer) => offer.occurrences.slice(0, 1))
    const page = { ...data, placesLeft: await placesLeft(nextShows) }
    if (request.header('hx-request') && request.header('hx-target') === 'offer-results') {
      return view.render('pages/offers/public/_results', page)
    }
    return view.render('pages/omakaiku/offers', page)
  }

  async show({ auth, params, view }: HttpContext) {
    const data = await offerPage(params.id)
    const { cardCode } = auth.use('holder').getUserOrFail()
    const lists = await waitingListsOfCard(cardCode)
    const card = await holderCard(cardCode)
    return view.render('pages/omakaiku/offer', {
      ...data,
      // Children on the card may come along to a full show's waiting list too.
      cardChildren: card.childrenCount,
      offerRoutes: 'holder_offers',
      placesLeft: await placesLeft(data.offer.occurrences),
      waitingPositions: new Map(lists.map((entry) => [entry.occurrenceId, entry.position])),
    })
  }
}
