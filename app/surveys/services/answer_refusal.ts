/**
 * Answers refused field by field: each field's message key (and its
 * parameters) for the form to show next to it, with what was chosen kept.
 */
export class AnswersRefused extends Error {
  constructor(public fields: Record<string, { key: string; params?: Record<string, unknown> }>) {
    super(`Answers refused: ${Object.keys(fields).join(', ')}`)
  }
}

/** A form value as a whole number, or null when it is empty or not one. */
export function wholeNumber(value: unknown): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const text = String(value).trim()
  return /^-?\d{1,6}$/.test(text) ? Number(text) : null
}

/** The refused fields' messages in the user's language. */
export function refusalMessages(
  translate: (key: string, params?: Record<string, unknown>) => string,
  error: AnswersRefused
) {
  return Object.fromEntries(
    Object.entries(error.fields).map(([field, { key, params }]) => [field, translate(key, params)])
  )
}
