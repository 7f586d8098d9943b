import type { HttpContext } from '@adonisjs/core/http'

/**
 * A business rule that refuses one field of a form (for example "this
 * organisation is outside your area"). The controller shows the message,
 * translated, next to the field and keeps what was typed.
 */
export class FieldError extends Error {
  constructor(
    public field: string,
    public messageKey: string
  ) {
    super(messageKey)
  }
}

/** Shows a FieldError next to its field, keeps the input, and sends the user back to the form. */
export function refuseField(ctx: HttpContext, error: FieldError, backTo: string) {
  ctx.session.flashAll()
  ctx.session.flash('inputErrorsBag', { [error.field]: [ctx.i18n.t(error.messageKey)] })
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
