import type { I18n } from '@adonisjs/i18n'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { offerListFilterValidator } from '#offers/validators/offer'
import {
  offerMunicipalityIds,
  publishedOffer,
  publishedOffers,
  restrictionsOf,
  restrictionsOfEach,
  venueRuleOf,
} from '#offers/services/offer_catalogue'
import { genreOptions } from '#offers/services/offer_form_options'
import { ticketInfoOf, ticketInfoOfEach } from '#offers/services/ticket_info'
import {
  areaChoices,
  municipalityChoices,
  nationalMunicipalityChoices,
  organisationNames,
} from '#registry/services/directory'
import { recordOptions } from '#core/services/choice_options'

/** The two lists of published offers: the public one and OmaKaiku's (`<name>.index`, `<name>.show`). */
export type OfferRoutes = 'public_offers' | 'holder_offers'

/**
 * The list of published offers with its filters, as both the public page
 * and OmaKaiku's offer page show it. `offerRoutes` names the pages the
 * filter form and the links lead to.
 */
export async function offerListPage(
  i18n: I18n,
  query: Record<string, unknown>,
  offerRoutes: OfferRoutes
) {
  const [errors, filters] = await offerListFilterValidator.tryValidate(query, {
    messagesProvider: i18n.createMessagesProvider(),
  })
  const page = await publishedOffers(filters ?? {}, query, urlFor(`${offerRoutes}.index`))
  const venues = await organisationNames([
    ...page.all().map((offer) => offer.organisationId),
    ...(filters?.venue ? [filters.venue] : []),
  ])
  const [areas, inAreas, offered] = await Promise.all([
    areaChoices(i18n.locale),
    municipalityChoices(i18n.locale),
    offerMunicipalityIds(),
  ])
  // The areas' municipalities, and those outside the areas where a pop-up venue has offers.
  const offeredPlaces = await nationalMunicipalityChoices(i18n.locale, offered)
  const outsideAreas = offeredPlaces.filter((m) => m.areaName === null)
  const municipalities = [...inAreas, ...outsideAreas].sort((a, b) =>
    a.name.localeCompare(b.name, i18n.locale)
  )
  // The network directory links to one venue's offers: the page names the venue.
  const venueName = filters?.venue ? (venues.get(filters.venue) ?? null) : null
  return {
    page,
    venues,
    venueName,
    offerRoutes,
    restrictions: await restrictionsOfEach(page.all()),
    ticketInfo: await ticketInfoOfEach(page.all()),
    filters: query,
    filterErrors: errors?.messages ?? [],
    genreOptions: await genreOptions(i18n.locale),
    areaOptions: recordOptions(areas, (a) => a.name),
    municipalityOptions: recordOptions(municipalities, (m) => m.name),
  }
}

/** One published offer with its venue's name, its restrictions and how to get a ticket, or 404. */
export async function offerPage(id: number) {
  const offer = await publishedOffer(id)
  const venues = await organisationNames([offer.organisationId])
  const rule = await venueRuleOf(offer.organisationId)
  return {
    offer,
    venueName: venues.get(offer.organisationId),
    restrictions: restrictionsOf(offer, rule),
    ticketInfo: ticketInfoOf(offer, rule),
  }
}
