import type { HttpContext } from '@adonisjs/core/http'
import Organisation from '#registry/models/organisation'
import type User from '#registry/models/user'
import { CARD_TYPES, type CardType } from '#registry/models/card'
import { formatCardCode } from '#registry/services/card_code'
import { refuseField, refusalMessage } from '#core/services/field_error'
import {
  PrintedCodeError,
  printedCodeToRegister,
  type Issuer,
} from '#registry/services/printed_card_check'

/*
| The code field of the card forms, checked on its own: by htmx as the code
| is typed or scanned, and without JavaScript by the "Check the code" button
| (which Enter in the field presses). Either way the rest of the form is kept.
*/
export async function issuerOf(user: User): Promise<Issuer> {
  const organisation = await Organisation.findOrFail(user.organisationId!)
  return { organisationId: organisation.id, areaId: organisation.areaId }
}

function cardTypeOf(value: unknown): CardType | null {
  return CARD_TYPES.find((type) => type === value) ?? null
}

/** The printed code's refusal, or the code as printed when it can be registered. */
async function verdict(ctx: HttpContext, cardType: unknown) {
  try {
    const issuer = await issuerOf(ctx.auth.use('staff').getUserOrFail())
    const code = await printedCodeToRegister(
      ctx.request.input('code'),
      issuer,
      cardTypeOf(cardType)
    )
    return { code: formatCardCode(code) }
  } catch (error) {
    if (!(error instanceof PrintedCodeError)) throw error
    return { error }
  }
}

/** The form state an htmx check of the code field renders (see components/card_code_choice). */
export async function checkCodeField(ctx: HttpContext, cardType: unknown) {
  const input = ctx.request.all()
  const { code, error } = await verdict(ctx, cardType)
  if (error) return { errors: { code: [refusalMessage(ctx.i18n, error)] }, input }
  return { errors: {}, input, codeOk: code }
}

/** Sends the user back to the form with the code's refusal, or with "the code is fine". */
export async function refuseOrConfirmCode(ctx: HttpContext, backTo: string, cardType: unknown) {
  if (ctx.request.input('codeSource') === 'new') {
    ctx.session.flashAll()
    return ctx.response.redirect(backTo)
  }
  const { code, error } = await verdict(ctx, cardType)
  if (error) return refuseField(ctx, error, backTo)
  ctx.session.flashAll()
  ctx.session.flash('codeOk', code)
  return ctx.response.redirect(backTo)
}
