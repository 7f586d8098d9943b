import vine from '@vinejs/vine'
import { DATE_FORMATS } from '#core/validators/date_formats'
import type { FieldContext } from '@vinejs/vine/types'
import { EXCLUDED_KINDS } from '#offers/models/occurrence'
import type { OfferType } from '#offers/models/offer'
import { RESTRICTION_PARAMS, cardCapRange, earliestShowDay } from '#offers/services/restrictions'
import { formDay, today } from '#core/services/time'

type Meta = { offer: { type: OfferType; guestProduction: boolean } }

/**
 * The card cap must sit in the range the operating model allows for this
 * offer and capacity; the message names the rule (capPercentage, capLarge,
 * capCourse, capGuest) and the allowed range.
 */
const withinCapRange = vine.createRule((value, _options, field: FieldContext) => {
  const capacity = Number(field.parent.capacity)
  if (typeof value !== 'number' || !Number.isInteger(capacity) || capacity < 1) return
  const range = cardCapRange((field.meta as Meta).offer, capacity)
  if (value < range.min || value > range.max) {
    const rule = `cap${range.rule[0].toUpperCase()}${range.rule.slice(1)}`
    field.report('Card cap outside the allowed range', rule, field, {
      ...RESTRICTION_PARAMS,
      ...range,
    })
  }
})

/** A guest production shown with the card must have a cap (GUEST_CAP). */
const capRequiredForGuest = vine.createRule(
  (value, _options, field: FieldContext) => {
    if ((value === undefined || value === null) && (field.meta as Meta).offer.guestProduction) {
      field.report(
        'A guest production needs a card cap',
        'capRequiredForGuest',
        field,
        RESTRICTION_PARAMS
      )
    }
  },
  { implicit: true }
)

/**
 * A show may be in the past, for recording its uses afterwards, but at most
 * RECORD_AFTERWARDS_DAYS back. The form's date is the server's local
 * midnight of the day typed (formDay).
 */
const withinRecordingWindow = vine.createRule((value, _options, field: FieldContext) => {
  if (value instanceof Date && formDay(value) < earliestShowDay(today())) {
    field.report('The date is too far back', 'tooFarBack', field, RESTRICTION_PARAMS)
  }
})

/** Capacity, card cap and exclusion: the same rules when adding and when changing a show. */
const showLimits = () => ({
  capacity: vine.number().withoutDecimals().range([1, 100000]),
  cardCap: vine
    .number()
    .withoutDecimals()
    .use(withinCapRange())
    .optional()
    .use(capRequiredForGuest()),
  excludedKind: vine.enum(EXCLUDED_KINDS).optional(),
})

/**
 * One or more occurrences: a first date and time, optionally repeated every
 * week until a last date (for example every Tuesday in spring).
 */
export const occurrencesValidator = vine.withMetaData<Meta>().compile(
  vine.object({
    date: vine.date({ formats: DATE_FORMATS }).use(withinRecordingWindow()),
    time: vine.string().regex(/^([01]?\d|2[0-3])[:.][0-5]\d$/),
    repeatUntil: vine.date({ formats: DATE_FORMATS }).afterOrSameAs('date').optional(),
    ...showLimits(),
    submissionKey: vine.string().uuid(),
  })
)

/** Changing one occurrence: its capacity, card cap and exclusion (the time stays: tickets exist). */
export const occurrenceChangesValidator = vine.withMetaData<Meta>().compile(
  vine.object({
    ...showLimits(),
  })
)
