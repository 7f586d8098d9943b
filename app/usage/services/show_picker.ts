import type { HttpContext } from '@adonisjs/core/http'
import { formatShowStart } from '#core/services/formatting'
import {
  targetValue,
  type Occurrence,
  type Offer,
  type registrableTargets,
} from '#offers/services/registration_targets'
import { RESTRICTION_PARAMS } from '#offers/services/restrictions'

/*
| The box office's show choice, readable at any width: each choice starts
| with its date and time, and is written out in full. Today's shows, the
| open offers and the show last chosen are radio buttons (their text wraps);
| the coming shows and those of recording afterwards are in a select below,
| from which one is brought up as a radio button. The chosen one stays
| chosen for the next card in the queue.
*/

export type ShowOption = {
  /** The form value: `occurrence-12` or `offer-5`. */
  value: string
  /** The date and time (an open offer: its type), first in the text. */
  when: string
  /** The offer's title in the reader's language when the venue wrote it, with its lang. */
  title: { text: string; lang: string }
  /** After the title: the venue for a ticket agent, the places left. */
  details: string
  /** The whole text, for a select's option. */
  label: string
  /** A past show: its uses are recorded afterwards. */
  afterwards: boolean
}

type Targets = Awaited<ReturnType<typeof registrableTargets>>

export type ShowPicker = {
  radios: ShowOption[]
  /** The select's groups: coming shows, and past ones to record afterwards. */
  others: { label: string; options: ShowOption[] }[]
  checked: string | null
}

export function showPicker(args: {
  targets: Targets
  taken: Map<number, number>
  /** Venue names, for a ticket agent who serves many venues; null for a venue's staff. */
  venues: Map<number, string> | null
  /** The value asked for (the last registration's, or a link's); the default when unknown. */
  wanted: string | null
  i18n: HttpContext['i18n']
}): ShowPicker {
  const { targets, taken, venues, i18n } = args
  const venueOf = (offer: Offer) => (venues ? (venues.get(offer.organisationId) ?? '') : null)

  const choiceOf = (
    offer: Offer,
    occurrenceId: number | null,
    when: string,
    details: string,
    afterwards: boolean
  ) => {
    const title = offer.textIn('title', i18n.locale)
    return {
      value: targetValue({ offerId: offer.id, occurrenceId }),
      when,
      title,
      details,
      label: i18n.t('usage.choice_text', { when, rest: `${title.text} ${details}`.trim() }),
      afterwards,
    }
  }
  const ofOccurrence = (occurrence: Occurrence, afterwards: boolean): ShowOption => {
    const details = showDetails(i18n, {
      placesLeft: Math.max(occurrence.cardPlaces - (taken.get(occurrence.id) ?? 0), 0),
      venue: venueOf(occurrence.offer),
      afterwards,
    })
    return choiceOf(
      occurrence.offer,
      occurrence.id,
      formatShowStart(occurrence.startsAt, i18n.locale),
      details,
      afterwards
    )
  }
  const ofOpenOffer = (offer: Offer): ShowOption => {
    const venue = venueOf(offer)
    return choiceOf(
      offer,
      null,
      i18n.t(`offers.type.${offer.type}`),
      venue ? i18n.t('usage.open_details_venue', { venue }) : '',
      false
    )
  }

  const today = targets.today.map((o) => ofOccurrence(o, false))
  const coming = targets.coming.map((o) => ofOccurrence(o, false))
  const past = targets.past.map((o) => ofOccurrence(o, true))
  const open = targets.open.map(ofOpenOffer)
  const every = [...today, ...coming, ...past, ...open]
  const fallback = today[0] ?? coming[0] ?? open[0] ?? null
  const checked = every.find((option) => option.value === args.wanted) ?? fallback

  // The chosen show keeps its place in time among today's: past ones before, coming after.
  // Brought up as a radio button, it is no longer among the others.
  const chosenPast = past.filter((option) => option === checked)
  const chosenComing = coming.filter((option) => option === checked)
  const notChosen = (options: ShowOption[]) => options.filter((option) => option !== checked)
  return {
    radios: [...chosenPast, ...today, ...chosenComing, ...open],
    others: [
      { label: i18n.t('usage.group_coming'), options: notChosen(coming) },
      { label: i18n.t('usage.group_past', RESTRICTION_PARAMS), options: notChosen(past) },
    ].filter((group) => group.options.length),
    checked: checked?.value ?? null,
  }
}

/**
 * After a show's title: the venue (for a ticket agent, who serves many),
 * the card places left, and the marker of a past show's uses recorded
 * afterwards. The picker's text, and what a registration's answer sends
 * alone when only its show's places changed.
 */
export function showDetails(
  i18n: HttpContext['i18n'],
  show: { placesLeft: number; venue: string | null; afterwards: boolean }
) {
  const places = i18n.t('usage.places_left', { left: show.placesLeft })
  return i18n.t(show.venue ? 'usage.show_details_venue' : 'usage.show_details', {
    venue: show.venue,
    places: show.afterwards ? `${places} · ${i18n.t('usage.afterwards_marker')}` : places,
  })
}
