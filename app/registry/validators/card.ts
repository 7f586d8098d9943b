import vine from '@vinejs/vine'
import { DATE_FORMATS } from '#core/validators/date_formats'
import type { FieldContext } from '@vinejs/vine/types'
import { COMMUNITY_ROLES, GENDERS, LIFE_SITUATIONS } from '#registry/models/card'
import { MAX_MOTHER_TONGUES, MOTHER_TONGUES } from '#registry/services/mother_tongues'
import { today } from '#core/services/time'
import { cardWellbeing, type WellbeingQuestionId } from '#registry/services/wellbeing_port'

/** A holder must be 16 or older, counted by birth year: from the year they turn 16. */
export const MINIMUM_AGE = 16
/** The earliest birth year the forms (and the cards import) take. */
export const EARLIEST_BIRTH_YEAR = 1900
/** The most own children or grandchildren under 18 a card may have registered. */
export const MAX_CHILDREN = 20

const oldEnough = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value === 'number' && today().year - value < MINIMUM_AGE) {
    field.report('The holder is too young', 'oldEnough', field, { minimumAge: MINIMUM_AGE })
  }
})

const notInFuture = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value === 'number' && value > today().year) {
    field.report('The year is in the future', 'notInFuture', field)
  }
})

/** A one-item wellbeing answer on its instrument's own scale (known once surveys has booted). */
const onScale = vine.createRule((value: unknown, id: WellbeingQuestionId, field: FieldContext) => {
  const [min, max] = cardWellbeing().range(id)
  if (typeof value === 'number' && (value < min || value > max)) {
    field.report('The {{ field }} field must be between {{ min }} and {{ max }}', 'range', field, {
      min,
      max,
    })
  }
})

/** A one-item wellbeing question; it may be left unanswered. */
const onScaleOf = (id: WellbeingQuestionId) =>
  vine.number().withoutDecimals().use(onScale(id)).optional()

/**
 * Where the card's code comes from: a pre-printed card (its code typed or
 * scanned; checked against the print runs by the service) or a new code.
 * A form without the choice gets a new code, as before print runs.
 */
const codeChoice = {
  codeSource: vine.enum(['printed', 'new']).optional(),
  code: vine.string().trim().maxLength(20).optional().requiredWhen('codeSource', '=', 'printed'),
}

export const issueCardValidator = vine.compile(
  vine.object({
    ...codeChoice,
    type: vine.enum(['personal', 'community']),
    communityRole: vine.enum(COMMUNITY_ROLES).optional().requiredWhen('type', '=', 'community'),
    birthYear: vine
      .number()
      .withoutDecimals()
      .min(EARLIEST_BIRTH_YEAR)
      .use(notInFuture())
      .use(oldEnough()),
    postalCode: vine
      .string()
      .trim()
      .regex(/^\d{5}$/),
    childrenCount: vine.number().withoutDecimals().range([0, MAX_CHILDREN]),
    // The distributor confirms the holder lives in one of the area's municipalities.
    residesInArea: vine.accepted(),
    postalCodeConfirmed: vine.string().trim().optional(),
    motherTongues: vine.array(vine.enum(MOTHER_TONGUES)).maxLength(MAX_MOTHER_TONGUES).optional(),
    gender: vine.enum(GENDERS).optional(),
    lifeSituation: vine.enum(LIFE_SITUATIONS).optional(),
    consent: vine.accepted(),
    swb: onScaleOf('swb'),
    submissionKey: vine.string().uuid(),
  })
)

export const extendCardValidator = vine.compile(
  vine.object({
    swb: onScaleOf('swb'),
    impact: onScaleOf('impact'),
    revision: vine.number().withoutDecimals().min(1),
    submissionKey: vine.string().uuid(),
  })
)

/** Correcting the background data after issue: the same rules as at issue. */
export const correctCardValidator = vine.compile(
  vine.object({
    postalCode: vine
      .string()
      .trim()
      .regex(/^\d{5}$/),
    childrenCount: vine.number().withoutDecimals().range([0, MAX_CHILDREN]),
    motherTongues: vine.array(vine.enum(MOTHER_TONGUES)).maxLength(MAX_MOTHER_TONGUES).optional(),
    gender: vine.enum(GENDERS).optional(),
    lifeSituation: vine.enum(LIFE_SITUATIONS).optional(),
    revision: vine.number().withoutDecimals().min(1),
    submissionKey: vine.string().uuid(),
  })
)

/** A lost card: the new code (printed or new) and a confirmation. */
export const replaceCardValidator = vine.compile(
  vine.object({
    codeSource: vine.enum(['printed', 'new']),
    code: codeChoice.code,
    confirm: vine.accepted(),
    revision: vine.number().withoutDecimals().min(1),
    submissionKey: vine.string().uuid(),
  })
)

/** Ending, withdrawing and consent withdrawal ask only for confirmation. */
export const confirmCardChangeValidator = vine.compile(
  vine.object({
    confirm: vine.accepted(),
    revision: vine.number().withoutDecimals().min(1),
    submissionKey: vine.string().uuid(),
  })
)

export const cardListFilterValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(20).optional(),
    status: vine.enum(['active', 'ended', 'withdrawn']).optional(),
    validity: vine.enum(['valid', 'expired']).optional(),
    // A date picker sends YYYY-MM-DD; typed by hand (no picker) a Finn writes 1.2.2026.
    issuedFrom: vine.date({ formats: DATE_FORMATS }).optional(),
    issuedTo: vine.date({ formats: DATE_FORMATS }).optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
  })
)
