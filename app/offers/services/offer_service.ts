import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Offer, { TYPES_WITH_OCCURRENCES } from '#offers/models/offer'
import Occurrence from '#offers/models/occurrence'
import VenueRule from '#offers/models/venue_rule'
import { RESTRICTION_PARAMS, cardPlacesOf, earliestShowDay } from '#offers/services/restrictions'
import { lockOffer } from '#offers/services/registration_targets'
import { occurrenceUsage, placesTakenAt } from '#offers/services/usage_port'
import type { OfferInput } from '#offers/validators/offer'
import type { VenueRuleInput } from '#offers/validators/venue_rule'
import { storedWays } from '#offers/services/ticket_info'
import { FieldError } from '#core/services/field_error'
import { oncePerSubmission } from '#core/services/one_time_form'
import { ZONE, toSqlDateTime, today } from '#core/services/time'

/** Weekly repetition stops here: a year of weekly shows. */
export const MAX_OCCURRENCES_AT_ONCE = 53

export type OccurrencesInput = {
  date: Date
  time: string
  repeatUntil?: Date
  capacity: number
  cardCap?: number
  excludedKind?: Occurrence['excludedKind']
  submissionKey: string
}

/** A venue's offers: publish, edit, add occurrences, and the venue-wide rules. */
export default class OfferService {
  async findOwnOccurrence(venueId: number, occurrenceId: number) {
    return Occurrence.query()
      .where('id', occurrenceId)
      .whereHas('offer', (offer) => offer.where('organisation_id', venueId))
      .preload('offer')
      .firstOrFail()
  }

  async create(venueId: number, input: OfferInput) {
    return Offer.create({ organisationId: venueId, ...this.#columns(input), revision: 1 })
  }

  /** Refused when someone else saved the offer after this form was opened. */
  async update(offer: Offer, input: OfferInput) {
    if (input.revision !== undefined && input.revision !== offer.revision) {
      throw new FieldError('form', 'offers.stale_form')
    }
    offer.merge({ ...this.#columns(input), revision: offer.revision + 1 })
    return offer.save()
  }

  /**
   * Adds an occurrence, or one a week up to `repeatUntil`, in one
   * transaction. The form's submission key makes a double submit add them once.
   */
  async addOccurrences(offer: Offer, input: OccurrencesInput): Promise<Occurrence[]> {
    const [hours, minutes] = input.time.split(/[:.]/).map(Number)
    const first = DateTime.fromJSDate(input.date, { zone: ZONE }).set({
      hour: hours,
      minute: minutes,
    })
    // A past show is added for recording its uses afterwards, within the window.
    if (first < earliestShowDay(today())) {
      throw new FieldError('date', 'offers.too_far_back', RESTRICTION_PARAMS)
    }
    const last = input.repeatUntil
      ? DateTime.fromJSDate(input.repeatUntil, { zone: ZONE }).endOf('day')
      : first
    const starts: DateTime[] = []
    for (let start = first; start <= last; start = start.plus({ weeks: 1 })) starts.push(start)
    if (starts.length > MAX_OCCURRENCES_AT_ONCE) {
      throw new FieldError('repeatUntil', 'offers.too_many_occurrences', {
        max: MAX_OCCURRENCES_AT_ONCE,
      })
    }

    // The first new occurrence carries the form's key; its batch shares its creation time.
    const added = async () => {
      const keyed = await Occurrence.findBy('submission_key', input.submissionKey)
      if (!keyed) return null
      return Occurrence.query()
        .where('offer_id', keyed.offerId)
        .where('created_at', toSqlDateTime(keyed.createdAt))
    }
    return oncePerSubmission(added, () =>
      db.connection('registry').transaction(async (trx) =>
        Occurrence.createMany(
          starts.map((start, index) => ({
            offerId: offer.id,
            startsAt: start.toUTC(),
            capacity: input.capacity,
            cardCap: input.cardCap ?? null,
            excludedKind: input.excludedKind ?? null,
            submissionKey: index === 0 ? input.submissionKey : null,
          })),
          { client: trx }
        )
      )
    )
  }

  /**
   * New capacity, cap or exclusion for a show. The cap cannot go below the
   * card places already taken (`taken`, counted by the usage module).
   */
  /**
   * Changes a show's capacity, cap or exclusion. Under the offer's lock, the
   * one every registration takes first: the places taken are counted after
   * any registration in flight has committed, and none can slip in before
   * the new cap is saved.
   */
  async updateOccurrence(
    occurrence: Occurrence,
    input: { capacity: number; cardCap?: number; excludedKind?: Occurrence['excludedKind'] }
  ) {
    return db.transaction(async (trx) => {
      await lockOffer(occurrence.offerId, trx)
      const taken = await placesTakenAt(occurrence.id, trx)
      if (cardPlacesOf({ cardCap: input.cardCap ?? null, capacity: input.capacity }) < taken) {
        throw new FieldError(
          input.cardCap !== undefined ? 'cardCap' : 'capacity',
          'offers.below_taken',
          {
            taken,
          }
        )
      }
      occurrence.useTransaction(trx).merge({
        capacity: input.capacity,
        cardCap: input.cardCap ?? null,
        excludedKind: input.excludedKind ?? null,
      })
      return occurrence.save()
    })
  }

  /** Removes a show nobody has used; one with uses stays, as history (returns false). */
  async deleteOccurrence(occurrence: Occurrence) {
    return db.transaction(async (trx) => {
      await lockOffer(occurrence.offerId, trx)
      if (await occurrenceUsage().hasUses(occurrence.id, trx)) return false
      await occurrence.useTransaction(trx).delete()
      return true
    })
  }

  /** The venue's rules and how to get a ticket (ticket_info.ts); an empty field clears its value. */
  async setVenueRule(venueId: number, input: VenueRuleInput) {
    return VenueRule.updateOrCreate(
      { organisationId: venueId },
      {
        maxOpenBookings: input.maxOpenBookings ?? null,
        releaseUnconfirmedHours: input.releaseUnconfirmedHours ?? null,
        ticketWays: storedWays(input.ticketWays),
        ticketPhone: input.ticketPhone || null,
        ticketEmail: input.ticketEmail || null,
        ticketUrl: input.ticketUrl || null,
        boxOfficeHours: input.boxOfficeHours || null,
        freeCloakroom: Boolean(input.freeCloakroom),
        supportPersonFree: Boolean(input.supportPersonFree),
        ticketHandover: Boolean(input.ticketHandover),
      }
    )
  }

  #columns(input: OfferInput) {
    const hasPeriod = !TYPES_WITH_OCCURRENCES.includes(input.offerType)
    return {
      title: input.title,
      description: input.description,
      type: input.offerType,
      genreId: input.genreId,
      municipalityId: input.municipalityId,
      location: input.location,
      accessibility: input.accessibility,
      childrenAllowed:
        input.children === 'by_type' ? input.offerType !== 'course' : input.children === 'yes',
      guestProduction: Boolean(input.guestProduction),
      oncePerCard: Boolean(input.oncePerCard),
      weekendsExcluded: Boolean(input.weekendsExcluded),
      bookingOpensDays: input.bookingOpensDays ?? null,
      yearlyVisits: input.offerType === 'series' ? (input.yearlyVisits ?? null) : null,
      yearlyEuroCap: input.offerType === 'library_fees' ? (input.yearlyEuroCap ?? null) : null,
      availableFrom:
        hasPeriod && input.availableFrom
          ? DateTime.fromJSDate(input.availableFrom, { zone: ZONE })
          : null,
      availableUntil:
        hasPeriod && input.availableUntil
          ? DateTime.fromJSDate(input.availableUntil, { zone: ZONE })
          : null,
      published: Boolean(input.published),
      ticketWays: storedWays(input.ticketWays),
      ...this.#languageVersions(input),
    }
  }

  /** The language of the texts and their versions; a version in the original's language is not kept. */
  #languageVersions(input: OfferInput) {
    const language = input.language ?? 'fi'
    const version = (value: string | undefined, versionLanguage: string) =>
      versionLanguage === language ? null : (value ?? null)
    return {
      language,
      titleSv: version(input.titleSv, 'sv'),
      descriptionSv: version(input.descriptionSv, 'sv'),
      accessibilitySv: version(input.accessibilitySv, 'sv'),
      titleEn: version(input.titleEn, 'en'),
      descriptionEn: version(input.descriptionEn, 'en'),
      accessibilityEn: version(input.accessibilityEn, 'en'),
    }
  }
}
