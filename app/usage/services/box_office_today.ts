import type { StaffMember } from '#core/roles'
import { registrableTargets, targetValue } from '#offers/services/registration_targets'
import type { Occurrence } from '#offers/services/registration_targets'
import { cardPlacesOf } from '#offers/services/restrictions'
import { organisationNames } from '#registry/services/directory'
import { usageVenueIds } from '#usage/services/usage_scope'
import { placesGiven, unreadInboxCount } from '#usage/services/venue_usage'

/*
| The box office's day on the staff home page: today's shows of the venues
| the user registers uses for, with the card places left under each show's
| card cap, the next show when there is none today, and the venue's unread
| holder cancellations.
*/
export type ShowToday = {
  occurrenceId: number
  title: string
  startsAt: Occurrence['startsAt']
  capacity: number
  cardPlaces: number
  placesLeft: number
  /** The box office's choice value for this show (`occurrence-12`). */
  choice: string
  venueId: number
  /** The venue's name, for a ticket agent serving several venues; else null. */
  venueName: string | null
}

export async function boxOfficeToday(actor: StaffMember) {
  const venueIds = await usageVenueIds(actor)
  const targets = await registrableTargets(venueIds, actor.role === 'ticket_agent')
  const next = targets.coming[0] ?? null
  const shown = next && !targets.today.length ? [next] : targets.today
  const taken = await placesGiven(shown.map((occurrence) => occurrence.id))
  const names = actor.role === 'ticket_agent' ? await organisationNames(venueIds) : null
  const describe = (occurrence: Occurrence): ShowToday => {
    const cardPlaces = cardPlacesOf(occurrence)
    return {
      occurrenceId: occurrence.id,
      title: occurrence.offer.title,
      startsAt: occurrence.startsAt,
      capacity: occurrence.capacity,
      cardPlaces,
      placesLeft: Math.max(cardPlaces - (taken.get(occurrence.id) ?? 0), 0),
      choice: targetValue({ offerId: occurrence.offerId, occurrenceId: occurrence.id }),
      venueId: occurrence.offer.organisationId,
      venueName: names?.get(occurrence.offer.organisationId) ?? null,
    }
  }
  return {
    shows: targets.today.map(describe),
    next: targets.today.length || !next ? null : describe(next),
    // Only a venue has an inbox of its holders' cancellations.
    unreadCancellations:
      actor.role === 'venue' && actor.organisationId !== null
        ? await unreadInboxCount(actor.organisationId)
        : null,
  }
}
