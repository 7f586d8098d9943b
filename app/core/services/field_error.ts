import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import { formatDate } from '#core/services/formatting'

/**
 * A business rule that refuses one field of a form (for example "this
 * organisation is outside your area"). The controller shows the message,
 * translated, next to the field and keeps what was typed.
 */
export class FieldError extends Error {
  constructor(
    public field: string,
    public messageKey: string,
    public params: Record<string, unknown> = {}
  ) {
    super(messageKey)
  }
}

/** The refusal in the user's language; dates in its params are written the local way. */
export function refusalMessage(i18n: HttpContext['i18n'], error: FieldError) {
  const params = Object.fromEntries(
    Object.entries(error.params).map(([name, value]) => [
      name,
      value instanceof DateTime ? formatDate(value, i18n.locale) : value,
    ])
  )
  return i18n.t(error.messageKey, params)
}

/** Shows a FieldError next to its field, keeps the input, and sends the user back to the form. */
export function refuseField(ctx: HttpContext, error: FieldError, backTo: string) {
  return refuseFields(ctx, { [error.field]: refusalMessage(ctx.i18n, error) }, backTo)
}

/** Shows messages (already in the user's language) next to their fields, keeping the input. */
export function refuseFields(ctx: HttpContext, messages: Record<string, string>, backTo: string) {
  ctx.session.flashAll()
  ctx.session.flash(
    'inputErrorsBag',
    Object.fromEntries(Object.entries(messages).map(([field, message]) => [field, [message]]))
  )
  return ctx.response.redirect(backTo)
}

/**
 * Runs a form's action. If a business rule refuses it with a FieldError, the
 * user is sent back to the form at `backTo` with the message, and the result
 * is undefined: the caller then returns without answering again.
 */
export async function unlessRefused<T>(ctx: HttpContext, backTo: string, action: () => Promise<T>) {
  try {
    return await action()
  } catch (error) {
    if (!(error instanceof FieldError)) throw error
    refuseField(ctx, error, backTo)
    return undefined
  }
}
