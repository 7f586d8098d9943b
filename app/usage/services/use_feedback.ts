import privacyConfig from '#config/privacy'
import UseFeedback from '#usage/models/use_feedback'
import CardUse from '#usage/models/card_use'
import { FieldError } from '#core/services/field_error'
import { type HolderUse, hasStarted, holderUseOrFail } from '#usage/services/holder_uses'

/** Each question is answered with this many stars. */
export const STARS = { min: 0, max: 5 } as const

export type FeedbackAnswers = {
  accessibility: number
  meaning: number
  interest: number
  meaningful: boolean
}

/**
 * Why feedback on a use cannot be given (a translation key), or null when it
 * can: once per use, not for a cancelled ticket or a no-show, and only once
 * the event has begun.
 */
export function feedbackRefusal(use: HolderUse) {
  if (use.feedbackGiven) return 'usage.feedback_already_given'
  if (use.status !== 'registered') return 'usage.feedback_not_attended'
  if (!hasStarted(use)) return 'usage.feedback_too_early'
  return null
}

/** A holder's feedback on one of the card's own uses; refused as feedbackRefusal says. */
export async function giveFeedback(code: string, useId: number, answers: FeedbackAnswers) {
  const use = await holderUseOrFail(code, useId)
  const refusal = feedbackRefusal(use)
  if (refusal) throw new FieldError('form', refusal)
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
  /** Null when fewer holders answered than the smallest shown (config/privacy.ts). */
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
        answers >= privacyConfig.smallestShown
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
