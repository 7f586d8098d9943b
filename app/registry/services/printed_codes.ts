import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import { generateCardCode } from '#registry/services/card_code'
import type { CardType } from '#registry/models/card'

/*
| Printed codes: reserved by a print run before any card holds them. A code
| is new only if neither a card nor a print run holds it, so a code issued at
| the desk never collides with one in a box of printed cards.
*/
export type PrintedCodeState = {
  printRunId: number
  areaId: number
  organisationId: number | null
  cardType: CardType
  cancelled: boolean
}

/** The print run a code was reserved by, or null if no run reserved it. */
export async function printedCodeOf(
  code: string,
  client: QueryClientContract = db.connection('registry')
): Promise<PrintedCodeState | null> {
  const row = await client
    .from('printed_codes')
    .join('print_runs', 'print_runs.id', 'printed_codes.print_run_id')
    .where('printed_codes.code', code)
    .select(
      'print_runs.id',
      'print_runs.area_id',
      'print_runs.organisation_id',
      'print_runs.card_type',
      'print_runs.status'
    )
    .first()
  if (!row) return null
  return {
    printRunId: row.id,
    areaId: row.area_id,
    organisationId: row.organisation_id,
    cardType: row.card_type,
    cancelled: row.status === 'cancelled',
  }
}

/** Whether a code is held by no card, was no replaced card's, and is reserved by no print run. */
export async function isFreeCode(code: string, client: QueryClientContract) {
  if (await client.from('cards').where('code', code).select('id').first()) return false
  if (await client.from('replaced_codes').where('old_code', code).select('id').first()) return false
  return !(await client.from('printed_codes').where('code', code).select('id').first())
}

/** A new random code that no card holds and no print run reserved. */
export async function newFreeCode(client: QueryClientContract): Promise<string> {
  for (;;) {
    const code = generateCardCode()
    if (await isFreeCode(code, client)) return code
  }
}
