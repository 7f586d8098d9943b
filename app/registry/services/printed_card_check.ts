import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import { FieldError } from '#core/services/field_error'
import { CARD_CODE_LENGTH } from '#registry/services/card_code'
import { findCardCode } from '#registry/services/card_code_lookup'
import { printedCodeOf } from '#registry/services/printed_codes'
import type { CardType } from '#registry/models/card'

/*
| Registering a pre-printed card: the code on the card must be one a print
| run reserved for the distributor's own area (and, for a run ordered for one
| distributor, for that distributor), still unused, from a run not
| cancelled, and of the card type being issued. A card works everywhere, but
| it is issued locally: another area's printed cards belong to that area's
| distributors (its counts of printed and registered cards must match), so
| they are refused here. See docs/PRINTED_CARDS.md.
*/
export type PrintedCodeRefusal =
  | 'empty'
  | 'invalid_characters'
  | 'wrong_length'
  | 'wrong_check'
  | 'already_registered'
  | 'unknown'
  | 'cancelled'
  | 'other_area'
  | 'other_organisation'
  | 'for_personal_card'
  | 'for_community_card'

/** Who is registering the card: the distributor and its area. */
export type Issuer = { organisationId: number; areaId: number | null }

/** A printed code refused, with the reason in words next to the code field. */
export class PrintedCodeError extends FieldError {
  constructor(public reason: PrintedCodeRefusal) {
    super('code', `cards.printed_code.${reason}`, { length: CARD_CODE_LENGTH })
  }
}

/**
 * The normalised code if this issuer may register it as a card of `cardType`
 * (null: the type is not chosen yet, so it is not compared); otherwise throws
 * a PrintedCodeError saying why not.
 */
export async function printedCodeToRegister(
  input: string | null | undefined,
  issuer: Issuer,
  cardType: CardType | null,
  client: QueryClientContract = db.connection('registry')
): Promise<string> {
  // An imported old code a card holds is "already registered", as a new one would be.
  const parsed = await findCardCode(input, client)
  if (!parsed.ok) throw new PrintedCodeError(parsed.problem)
  const code = parsed.code

  const held = await client.from('cards').where('code', code).select('id').first()
  const replaced = await client.from('replaced_codes').where('old_code', code).select('id').first()
  if (held || replaced) throw new PrintedCodeError('already_registered')

  const printed = await printedCodeOf(code, client)
  if (!printed) throw new PrintedCodeError('unknown')
  if (printed.cancelled) throw new PrintedCodeError('cancelled')
  if (printed.areaId !== issuer.areaId) throw new PrintedCodeError('other_area')
  if (printed.organisationId !== null && printed.organisationId !== issuer.organisationId) {
    throw new PrintedCodeError('other_organisation')
  }
  if (cardType && printed.cardType !== cardType) {
    throw new PrintedCodeError(`for_${printed.cardType}_card`)
  }
  return code
}

/** Whether the issuer's area has printed cards it could register (the form then starts with them). */
export async function hasPrintedCards(issuer: Issuer) {
  if (issuer.areaId === null) return false
  const run = await db
    .connection('registry')
    .from('print_runs')
    .where('area_id', issuer.areaId)
    .whereNot('status', 'cancelled')
    .where((query) =>
      query.whereNull('organisation_id').orWhere('organisation_id', issuer.organisationId)
    )
    .select('id')
    .first()
  return Boolean(run)
}
