import type { FieldError } from '#core/services/field_error'

/*
| At the box office a refused card is an answer about the card, said aloud
| to the holder in the queue, not a mistake in the form: it is shown as the
| page's answer with what to tell the holder, and the code field is ready
| for the next scan. Mistakes in the other fields (no show chosen, the group
| size or a fee's amount missing) stay errors next to their field.
*/

const REFUSED = 'usage.refused.'

/** Refusals of the code field that ask for a code, not answer about a card. */
const FORM_MISTAKES = new Set(['code_empty', 'unknown_choice', 'too_far_back'])

/** What the box office can tell the holder after each refusal (a key under usage.tell_holder). */
const ADVICE: Record<string, string> = {
  code_invalid_characters: 'check_code',
  code_wrong_length: 'check_code',
  code_wrong_check: 'check_code',
  unknown_code: 'check_code',
  withdrawn: 'ask_distributor',
  ended: 'ask_distributor',
  not_valid_on_date: 'ask_distributor',
  not_registered: 'ask_distributor',
  cancelled: 'ask_distributor',
  excluded_gala: 'other_show',
  excluded_premiere: 'other_show',
  excluded_weekend: 'other_show',
  cap_reached: 'other_show',
  booking_not_open: 'come_back',
  already_has_ticket: 'existing_ticket',
  too_many_open_bookings: 'existing_ticket',
  series_used_up: 'next_year',
}

export type CardAnswer = { reason: string; adviceKey: string | null }

/** The refusal as an answer about the card, or null when it is a mistake in the form. */
export function cardAnswerOf(error: FieldError): CardAnswer | null {
  if (!error.messageKey.startsWith(REFUSED)) return null
  const reason = error.messageKey.slice(REFUSED.length)
  if (FORM_MISTAKES.has(reason)) return null
  if (error.field !== 'code' && error.field !== 'choice') return null
  return { reason, adviceKey: ADVICE[reason] ? `usage.tell_holder.${ADVICE[reason]}` : null }
}
