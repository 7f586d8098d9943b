import type { HttpContext } from '@adonisjs/core/http'
import { offerListFilterValidator } from '#offers/validators/offer'
import {
  publishedOffer,
  publishedOffers,
  restrictionsOf,
  restrictionsOfEach,
  venueRuleOf,
} from '#offers/services/offer_catalogue'
import { genreOptions } from '#offers/services/offer_form_options'
import { areaChoices, municipalityChoices, organisationNames } from '#registry/services/directory'

/** The public offer list, without sign-in: what the card gives, where, and on what terms. */
export default class PublicOffersController {
  async index({ request, view, i18n }: HttpContext) {
    const [errors, filters] = await offerListFilterValidator.tryValidate(request.qs(), {
      messagesProvider: i18n.createMessagesProvider(),
    })
    const page = await publishedOffers(filters ?? {}, request.qs())
    const venues = await organisationNames(page.all().map((offer) => offer.organisationId))
    const [areas, municipalities] = await Promise.all([areaChoices(), municipalityChoices()])
    const data = {
      page,
      venues,
      restrictions: await restrictionsOfEach(page.all()),
      filters: request.qs(),
      filterErrors: errors?.messages ?? [],
      genreOptions: await genreOptions(i18n.locale),
      areaOptions: areas.map((a) => ({ value: a.id, label: a.name })),
      municipalityOptions: municipalities.map((m) => ({
        value: m.id,
        label: m.name,
      })),
    }
    if (request.header('hx-request') && request.header('hx-target') === 'offer-results') {
      return view.render('pages/offers/public/_results', data)
    }
    return view.render('pages/offers/public/index', data)
  }

  async show({ params, view }: HttpContext) {
    const offer = await publishedOffer(params.id)
    const venues = await organisationNames([offer.organisationId])
    return view.render('pages/offers/public/show', {
      offer,
      venueName: venues.get(offer.organisationId),
      restrictions: restrictionsOf(offer, await venueRuleOf(offer.organisationId)),
    })
  }
}
