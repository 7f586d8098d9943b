import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import Offer from '#offers/models/offer'
import Occurrence from '#offers/models/occurrence'
import Genre from '#offers/models/genre'
import CardUse from '#usage/models/card_use'
import type Organisation from '#registry/models/organisation'
import { ZONE } from '#core/services/time'

/** A published performance of the venue, with no restrictions unless given. */
export async function createOffer(venue: Organisation, overrides: Partial<Offer> = {}) {
  const genre = await Genre.findByOrFail('key', 'drama')
  return Offer.create({
    organisationId: venue.id,
    title: `Näytelmä ${randomUUID().slice(0, 6)}`,
    description: 'Draama kolmessa näytöksessä.',
    type: 'performance',
    genreId: genre.id,
    municipalityId: venue.municipalityId!,
    location: 'Suuri näyttämö',
    accessibility: 'Esteetön sisäänkäynti.',
    childrenAllowed: true,
    guestProduction: false,
    oncePerCard: false,
    weekendsExcluded: false,
    bookingOpensDays: null,
    yearlyVisits: null,
    yearlyEuroCap: null,
    published: true,
    ...overrides,
  })
}

/** An occurrence at 19:00 Finnish time (stored in UTC, as the app does), `daysAhead` days from today (negative: in the past). */
export async function createOccurrence(
  offer: Offer,
  overrides: Partial<Occurrence> & { daysAhead?: number } = {}
) {
  const { daysAhead = 3, ...columns } = overrides
  const startsAt = DateTime.now()
    .setZone(ZONE)
    .startOf('day')
    .plus({ days: daysAhead })
    .set({ hour: 19 })
    .toUTC()
  return Occurrence.create({
    offerId: offer.id,
    startsAt,
    // A past show was planned ahead, unless the test says it was added afterwards.
    createdAt: DateTime.min(DateTime.now(), startsAt.minus({ days: 14 })),
    capacity: 100,
    cardCap: null,
    excludedKind: null,
    ...columns,
  })
}

/** The registration form as a browser sends it. */
export function registrationForm(
  code: string,
  choice: string,
  overrides: Record<string, unknown> = {}
) {
  return { code, choice, childrenCount: '0', submissionKey: randomUUID(), ...overrides }
}

export const countUses = async () => {
  const [row] = await CardUse.query().count('* as total')
  return Number(row.$extras.total)
}

/**
 * A use already on record, written straight to the table (the state a test
 * starts from); registrations under test go through the form or the service.
 */
export async function recordUse(
  cardCode: string,
  offer: Offer,
  occurrence: Occurrence | null,
  overrides: Partial<CardUse> = {}
) {
  return CardUse.create({
    cardCode,
    organisationId: offer.organisationId,
    offerId: offer.id,
    occurrenceId: occurrence?.id ?? null,
    usedOn: occurrence?.startsAt ?? DateTime.now(),
    places: 1,
    childrenCount: 0,
    status: 'registered',
    registeredByOrganisationId: offer.organisationId,
    submissionKey: randomUUID(),
    ...overrides,
  })
}
