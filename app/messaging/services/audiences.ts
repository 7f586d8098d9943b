import type { DateTime } from 'luxon'
import type { StaffMember } from '#core/roles'
import type { Audience } from '#messaging/models/campaign'
import type { Channel, MessageKind } from '#messaging/message_kinds'
import { reachable, type Recipient } from '#messaging/services/recipients'
import { genreTree, offerMunicipalityIds } from '#offers/services/offer_catalogue'
import { municipalityIdsOfArea, organisationSummary } from '#registry/services/directory'
import { reachableCardCodesOf } from '#registry/services/card_notices'
import { pastVisitorCodes } from '#usage/services/ticket_notices'

/*
| Whom staff can write to, and which kind of message each audience gets
| (the holder's notification choices are per kind).
*/
export const AUDIENCE_KIND: Record<Audience, MessageKind> = {
  visitors_of_offer: 'venue_news',
  visitors_of_venue: 'venue_news',
  seats_left: 'seats_left',
  genre_in_area: 'recommendation',
  own_cardholders: 'distributor_message',
  area_cardholders: 'announcement',
  all_cardholders: 'announcement',
}

/** Announcements: not from an organisation, but from an area's coordinators or the national centre. */
export const ANNOUNCEMENT_AUDIENCES: readonly Audience[] = ['area_cardholders', 'all_cardholders']

/**
 * The audiences a role may write to: venues to their visitors and genre
 * followers, distributors to their own cardholders, a coordinator to the
 * holders of their own area, the national centre to one area's or everyone.
 */
export function audiencesFor(member: StaffMember): Audience[] {
  if (member.role === 'venue' && member.organisationId)
    return ['visitors_of_offer', 'visitors_of_venue', 'seats_left', 'genre_in_area']
  if (member.role === 'distributor' && member.organisationId) return ['own_cardholders']
  if (member.role === 'area_coordinator' && member.areaId) return ['area_cardholders']
  if (member.role === 'admin') return ['area_cardholders', 'all_cardholders']
  return []
}

export type AudienceChoice = {
  audience: Audience
  /** The sending organisation; null for announcements. */
  organisationId: number | null
  offerId: number | null
  genreId: number | null
  /** The area an announcement reaches; null with all_cardholders. */
  areaId: number | null
}

/** The genre and its main genre: a holder following "music" hears of a jazz concert. */
async function genreWithParent(genreId: number) {
  for (const genre of await genreTree()) {
    if (genre.id === genreId) return [genre.id]
    const child = genre.children.find((c) => c.id === genreId)
    if (child) return [child.id, genre.id]
  }
  return []
}

/**
 * Where a venue's genre followers live: its area's municipalities, or, for a
 * pop-up venue outside every area, the municipalities of its published offers.
 */
async function nearVenue(venue: { id: number; areaId: number | null }) {
  return venue.areaId !== null
    ? municipalityIdsOfArea(venue.areaId)
    : offerMunicipalityIds(venue.id)
}

/**
 * The holders an audience reaches now, by the chosen channels they consented
 * to. An area's holders are those whose home municipality (given in OmaKaiku
 * at activation) is one of the area's, as for a venue's tips; the whole
 * country is every holder, in an area or not.
 */
export async function recipientsOf(
  choice: AudienceChoice,
  channels: Channel[],
  today: DateTime
): Promise<Recipient[]> {
  const kind = AUDIENCE_KIND[choice.audience]
  if (choice.audience === 'area_cardholders') {
    if (!choice.areaId) return []
    const homeMunicipalityIds = await municipalityIdsOfArea(choice.areaId)
    return homeMunicipalityIds.length ? reachable(kind, channels, { homeMunicipalityIds }) : []
  }
  if (choice.audience === 'all_cardholders') return reachable(kind, channels, { everyone: true })
  if (!choice.organisationId) return []
  switch (choice.audience) {
    case 'visitors_of_offer':
    case 'visitors_of_venue':
    case 'seats_left': {
      const offerId = choice.audience === 'visitors_of_offer' ? choice.offerId : null
      const codes = await pastVisitorCodes(choice.organisationId, offerId, today)
      return reachable(kind, channels, { cardCodes: codes })
    }
    case 'genre_in_area': {
      const venue = await organisationSummary(choice.organisationId)
      if (!venue || !choice.genreId) return []
      const [genreIds, municipalityIds] = await Promise.all([
        genreWithParent(choice.genreId),
        nearVenue(venue),
      ])
      const found = new Map<number, Recipient>()
      for (const genreId of genreIds) {
        for (const r of await reachable(kind, channels, { genreId, municipalityIds })) {
          found.set(r.accountId, r)
        }
      }
      return [...found.values()]
    }
    case 'own_cardholders':
      return reachable(kind, channels, {
        cardCodes: await reachableCardCodesOf(choice.organisationId),
      })
  }
}
