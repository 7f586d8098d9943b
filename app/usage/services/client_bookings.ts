import { DateTime } from 'luxon'
import CardUse from '#usage/models/card_use'
import { describeTargets } from '#offers/services/registration_targets'
import { organisationNames } from '#registry/services/directory'
import { today } from '#core/services/time'

/*
| Places a distributor booked for its clients (a supported visit, a group
| with a community card): registered through the box office's rules and
| lock, recorded with the booking organisation, seen by the holder in
| OmaKaiku and by the venue on its roster.
*/

export type ClientBooking = {
  id: number
  code: string
  title: string
  titleLang: string
  venueName: string
  startsAt: DateTime
  places: number
  childrenCount: number
  groupSize: number | null
}

/** The organisation that registered a use at another's venue (a booking on the holder's behalf), or null. */
export function bookerOf(use: Pick<CardUse, 'organisationId' | 'registeredByOrganisationId'>) {
  return use.registeredByOrganisationId !== use.organisationId
    ? use.registeredByOrganisationId
    : null
}

const ownBookings = (organisationId: number) =>
  CardUse.query()
    .where('registered_by_organisation_id', organisationId)
    .whereNot('organisation_id', organisationId)
    .where('status', 'registered')
    .whereNotNull('occurrence_id')

/** The organisation's bookings whose show is still to come, soonest first. */
export async function bookingsMadeBy(organisationId: number): Promise<ClientBooking[]> {
  const uses = await ownBookings(organisationId)
    .where('used_on', '>=', today().toISODate()!)
    .orderBy('used_on')
    .orderBy('id')
  if (!uses.length) return []
  const [{ titles, languages, starts }, venues] = await Promise.all([
    describeTargets(uses),
    organisationNames(uses.map((use) => use.organisationId)),
  ])
  const now = DateTime.now()
  return uses
    .map((use) => ({
      id: use.id,
      code: use.cardCode,
      title: titles.get(use.offerId) ?? '',
      titleLang: languages.get(use.offerId) ?? 'fi',
      venueName: venues.get(use.organisationId) ?? '',
      startsAt: starts.get(use.occurrenceId!)!,
      places: use.places,
      childrenCount: use.childrenCount,
      groupSize: use.groupSize,
    }))
    .filter((booking) => booking.startsAt > now)
    .sort((a, b) => a.startsAt.toMillis() - b.startsAt.toMillis())
}

/** One of the organisation's own bookings; another organisation's is "not found". */
export async function ownBookingOrFail(organisationId: number, useId: number) {
  return ownBookings(organisationId).where('id', useId).firstOrFail()
}
