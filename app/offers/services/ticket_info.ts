import Offer from '#offers/models/offer'
import VenueRule from '#offers/models/venue_rule'
import { TICKET_HANDOVER_MINUTES } from '#offers/services/restrictions'
import { showContactPhone } from '#registry/services/contact_phone'

/*
| How to get a ticket (issue 22): the ways a venue hands out tickets with
| the card, its box office's contact and hours, and the operating model's
| recommendations it follows. The venue sets them once for all its offers
| (venue_rules); an offer may name its own ways, and then those apply to it
| instead of the venue's. Contacts, hours and facts are always the venue's.
*/

/** At the box office, by phone, by e-mail, in a web shop with a field for the card code. */
export const TICKET_WAYS = ['box_office', 'phone', 'email', 'online'] as const
export type TicketWay = (typeof TICKET_WAYS)[number]

/** The recommendations a venue may say it follows, in the order they are shown. */
export const TICKET_FACTS = ['freeCloakroom', 'supportPersonFree', 'ticketHandover'] as const
export type TicketFact = (typeof TICKET_FACTS)[number]

export type TicketInfo = {
  ways: TicketWay[]
  /** The phone as people write it, and its tel: address (E.164). */
  phone: { text: string; href: string } | null
  email: string | null
  url: string | null
  hours: string | null
  /** Translation keys (offers.ticket_fact.*) with their parameters. */
  facts: { key: string; params: Record<string, unknown> }[]
}

/** The parameters of a fact's text (offers.ticket_fact.*): the handover time is a policy number. */
export function factParams(fact: string): Record<string, unknown> {
  return fact === 'ticketHandover' ? { handoverMinutes: TICKET_HANDOVER_MINUTES } : {}
}

/** The stored list of ways, as known ways in TICKET_WAYS' order. */
export function waysOf(stored: string | null | undefined): TicketWay[] {
  const listed = new Set((stored ?? '').split(','))
  return TICKET_WAYS.filter((way) => listed.has(way))
}

/** Ways as stored: null for none. */
export function storedWays(ways: readonly string[] | undefined): string | null {
  const known = TICKET_WAYS.filter((way) => ways?.includes(way))
  return known.length ? known.join(',') : null
}

/** What a cardholder reads of how to get a ticket to the offer; null when the venue has said nothing. */
export function ticketInfoOf(
  offer: Pick<Offer, 'ticketWays'>,
  rule: VenueRule | null
): TicketInfo | null {
  const ways = waysOf(offer.ticketWays ?? rule?.ticketWays)
  const facts = TICKET_FACTS.filter((fact) => rule?.[fact]).map((fact) => ({
    key: fact,
    params: factParams(fact),
  }))
  const info: TicketInfo = {
    ways,
    phone: rule?.ticketPhone
      ? { text: showContactPhone(rule.ticketPhone), href: `tel:${rule.ticketPhone}` }
      : null,
    email: rule?.ticketEmail ?? null,
    url: rule?.ticketUrl ?? null,
    hours: rule?.boxOfficeHours ?? null,
    facts,
  }
  const empty = !ways.length && !info.phone && !info.email && !info.url && !info.hours
  return empty && !facts.length ? null : info
}

/** How to get a ticket to each of the offers (by offer id), with one query for the venues' rules. */
export async function ticketInfoOfEach(
  offers: Pick<Offer, 'id' | 'organisationId' | 'ticketWays'>[]
) {
  const venueIds = [...new Set(offers.map((offer) => offer.organisationId))]
  const rules = venueIds.length ? await VenueRule.query().whereIn('organisation_id', venueIds) : []
  const ruleOf = new Map(rules.map((rule) => [rule.organisationId, rule]))
  return new Map(
    offers.map((offer) => [offer.id, ticketInfoOf(offer, ruleOf.get(offer.organisationId) ?? null)])
  )
}

/** How to get a ticket to each of the offers named by id (a cardholder's tickets). */
export async function ticketInfoOfOffers(offerIds: number[]) {
  const ids = [...new Set(offerIds)]
  if (!ids.length) return new Map<number, TicketInfo | null>()
  const offers = await Offer.query()
    .select('id', 'organisation_id', 'ticket_ways')
    .whereIn('id', ids)
  return ticketInfoOfEach(offers)
}
