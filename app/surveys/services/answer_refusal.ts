import type { HttpContext } from '@adonisjs/core/http'
import { refuseFields, unlessRefused } from '#core/services/field_error'

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
function refusalMessages(
  translate: (key: string, params?: Record<string, unknown>) => string,
  error: AnswersRefused
) {
  return Object.fromEntries(
    Object.entries(error.fields).map(([field, { key, params }]) => [field, translate(key, params)])
  )
}

/**
 * Runs an answer form's action; a refusal of one field (FieldError) or of
 * several (AnswersRefused) sends the user back to the form with the
 * messages and their choices kept, and the result is then undefined.
 */
export async function unlessAnswersRefused<T>(
  ctx: HttpContext,
  backTo: string,
  action: () => Promise<T>
): Promise<T | undefined> {
  try {
    return await unlessRefused(ctx, backTo, action)
  } catch (error) {
    if (!(error instanceof AnswersRefused)) throw error
    refuseFields(ctx, refusalMessages(ctx.i18n.t.bind(ctx.i18n), error), backTo)
    return undefined
  }
}
