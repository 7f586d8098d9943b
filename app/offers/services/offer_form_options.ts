import type { I18n } from '@adonisjs/i18n'
import { OFFER_LANGUAGES, OFFER_TYPES } from '#offers/models/offer'
import { EXCLUDED_KINDS } from '#offers/models/occurrence'
import { genreTree } from '#offers/services/offer_catalogue'
import { optionsOf } from '#core/services/choice_options'
import { nationalMunicipalityChoices } from '#registry/services/directory'
import { TICKET_WAYS } from '#offers/services/ticket_info'

/** Genres as select options: "Music" and "Music › Jazz". */
export async function genreOptions(locale: string) {
  const tree = await genreTree()
  return tree.flatMap((genre) => [
    { value: genre.id, label: genre.nameIn(locale) },
    ...genre.children.map((child) => ({
      value: child.id,
      label: `${genre.nameIn(locale)} › ${child.nameIn(locale)}`,
    })),
  ])
}

/** The choices of the offer form, in the page language. */
/** The ways to get a ticket, as checkboxes. */
export function ticketWayOptions(i18n: I18n) {
  return optionsOf(i18n, 'offers.ticket_way', TICKET_WAYS)
}

export async function offerFormOptions(i18n: I18n) {
  // The national list: a pop-up venue outside every area places its offers anywhere in Finland.
  const municipalities = await nationalMunicipalityChoices(i18n.locale)
  return {
    typeOptions: optionsOf(i18n, 'offers.type', OFFER_TYPES),
    childrenOptions: optionsOf(i18n, 'offers.children_choice', ['by_type', 'yes', 'no']),
    genreOptions: await genreOptions(i18n.locale),
    municipalityOptions: municipalities.map((m) => ({
      value: m.id,
      label: m.areaName ? `${m.name} (${m.areaName})` : m.name,
    })),
    excludedKindOptions: optionsOf(i18n, 'offers.excluded_kind', EXCLUDED_KINDS),
    ticketWayOptions: ticketWayOptions(i18n),
    languageOptions: optionsOf(i18n, 'offers.language', OFFER_LANGUAGES),
  }
}
