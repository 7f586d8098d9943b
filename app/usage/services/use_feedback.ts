import UseFeedback from '#usage/models/use_feedback'
import CardUse from '#usage/models/card_use'
import { FieldError } from '#core/services/field_error'
import { hasStarted, holderUse } from '#usage/services/holder_uses'

/** Venues see an offer's averages only when at least this many holders answered. */
export const FEEDBACK_MIN_ANSWERS = 5

export type FeedbackAnswers = {
  accessibility: number
  meaning: number
  interest: number
  meaningful: boolean
}

/**
 * A holder's feedback on an event they attended, once per use. The use must
 * be the card's own, not cancelled or a no-show, and the event must have
 * begun.
 */
export async function giveFeedback(code: string, useId: number, answers: FeedbackAnswers) {
  const use = await holderUse(code, useId)
  if (!use) return null
  if (use.status !== 'registered') throw new FieldError('form', 'usage.feedback_not_attended')
  if (!hasStarted(use)) throw new FieldError('form', 'usage.feedback_too_early')
  if (use.feedbackGiven) throw new FieldError('form', 'usage.feedback_already_given')
  try {
    return await UseFeedback.create({ useId: use.id, offerId: use.offerId, ...answers })
  } catch (error) {
    // A simultaneous twin wrote first: the unique use id refuses the second.
    if (await UseFeedback.findBy('use_id', use.id)) {
      throw new FieldError('form', 'usage.feedback_already_given')
    }
    throw error
  }
}

export type FeedbackSummary = {
  offerId: number
  answers: number
  /** Null when fewer than FEEDBACK_MIN_ANSWERS holders answered: too few to show anonymously. */
  averages: {
    accessibility: number
    meaning: number
    interest: number
    meaningfulShare: number
  } | null
}

/** Averages per offer of a venue; only the count where too few answered. */
export async function feedbackSummaries(venueId: number): Promise<FeedbackSummary[]> {
  const rows = await UseFeedback.query()
    .select('offer_id')
    .count('* as answers')
    .avg('accessibility as avg_accessibility')
    .avg('meaning as avg_meaning')
    .avg('interest as avg_interest')
    .sum('meaningful as meaningful_yes')
    .whereIn('use_id', CardUse.query().select('id').where('organisation_id', venueId))
    .groupBy('offer_id')
  const round = (value: unknown) => Math.round(Number(value) * 10) / 10
  return rows.map((row) => {
    const answers = Number(row.$extras.answers)
    return {
      offerId: row.offerId,
      answers,
      averages:
        answers >= FEEDBACK_MIN_ANSWERS
          ? {
              accessibility: round(row.$extras.avg_accessibility),
              meaning: round(row.$extras.avg_meaning),
              interest: round(row.$extras.avg_interest),
              meaningfulShare: Math.round((Number(row.$extras.meaningful_yes) / answers) * 100),
            }
          : null,
    }
  })
}
