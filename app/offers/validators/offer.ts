import vine from '@vinejs/vine'
import { DATE_FORMATS } from '#core/validators/date_formats'
import type { FieldContext } from '@vinejs/vine/types'
import { OFFER_LANGUAGES, OFFER_TYPES } from '#offers/models/offer'
import {
  MAX_BOOKING_OPENS_DAYS,
  MIN_BOOKING_OPENS_DAYS,
  MIN_YEARLY_VISITS,
} from '#offers/services/restrictions'
import { ticketWaysField } from '#offers/validators/venue_rule'

/** A series ticket needs its yearly visits; the message names the least allowed. */
const requiredForSeries = vine.createRule(
  (value, _options, field: FieldContext) => {
    if ((value === undefined || value === null) && field.parent.offerType === 'series') {
      field.report('A series needs its yearly visits', 'required', field, {
        min: MIN_YEARLY_VISITS,
      })
    }
  },
  { implicit: true }
)
const checkbox = () => vine.boolean().optional()

/** An offer with its restrictions. The children choice "by_type" means: courses no, others yes. */
export const offerValidator = vine.compile(
  vine.object({
    title: vine.string().trim().minLength(3).maxLength(150),
    description: vine.string().trim().minLength(10).maxLength(5000),
    offerType: vine.enum(OFFER_TYPES),
    genreId: vine
      .number()
      .withoutDecimals()
      .exists({
        table: 'genres',
        column: 'id',
        connection: 'registry',
        filter: (query) => {
          query.where('active', true)
        },
      }),
    municipalityId: vine
      .number()
      .withoutDecimals()
      .exists({ table: 'municipalities', column: 'id', connection: 'registry' }),
    location: vine.string().trim().minLength(2).maxLength(200),
    accessibility: vine.string().trim().minLength(5).maxLength(3000),
    children: vine.enum(['by_type', 'yes', 'no']),
    guestProduction: checkbox(),
    oncePerCard: checkbox(),
    weekendsExcluded: checkbox(),
    bookingOpensDays: vine
      .number()
      .withoutDecimals()
      .range([MIN_BOOKING_OPENS_DAYS, MAX_BOOKING_OPENS_DAYS])
      .optional(),
    yearlyVisits: vine
      .number()
      .withoutDecimals()
      .range([MIN_YEARLY_VISITS, 1000])
      .optional()
      .use(requiredForSeries()),
    yearlyEuroCap: vine
      .number()
      .withoutDecimals()
      .range([1, 1000])
      .optional()
      .requiredWhen('offerType', '=', 'library_fees'),
    availableFrom: vine.date({ formats: DATE_FORMATS }).optional(),
    availableUntil: vine.date({ formats: DATE_FORMATS }).afterOrSameAs('availableFrom').optional(),
    published: checkbox(),
    // The offer's own ways to get a ticket; none ticked: the venue's (ticket_info.ts).
    ticketWays: ticketWaysField(),
    // The language of the texts above, and their optional Swedish and English versions.
    language: vine.enum(OFFER_LANGUAGES).optional(),
    titleSv: vine.string().trim().minLength(3).maxLength(150).optional(),
    descriptionSv: vine.string().trim().minLength(10).maxLength(5000).optional(),
    accessibilitySv: vine.string().trim().minLength(5).maxLength(3000).optional(),
    titleEn: vine.string().trim().minLength(3).maxLength(150).optional(),
    descriptionEn: vine.string().trim().minLength(10).maxLength(5000).optional(),
    accessibilityEn: vine.string().trim().minLength(5).maxLength(3000).optional(),
    // The edit form's version of the offer.
    revision: vine.number().withoutDecimals().optional(),
  })
)

export type OfferInput = Awaited<ReturnType<(typeof offerValidator)['validate']>>

export const offerListFilterValidator = vine.compile(
  vine.object({
    genre: vine.number().withoutDecimals().optional(),
    area: vine.number().withoutDecimals().optional(),
    municipality: vine.number().withoutDecimals().optional(),
    venue: vine.number().withoutDecimals().optional(),
    from: vine.date({ formats: DATE_FORMATS }).optional(),
    to: vine.date({ formats: DATE_FORMATS }).optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
  })
)
