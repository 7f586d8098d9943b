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

/** The codes among these that are free: held by no card, no replaced card's, reserved by no print run. */
export async function freeCodesAmong(codes: string[], client: QueryClientContract) {
  // One after another: the client may be a transaction, one connection.
  const cards = await client.from('cards').whereIn('code', codes).select('code')
  const replaced = await client
    .from('replaced_codes')
    .whereIn('old_code', codes)
    .select('old_code as code')
  const printed = await client.from('printed_codes').whereIn('code', codes).select('code')
  const taken = new Set([...cards, ...replaced, ...printed].map((row) => row.code))
  return codes.filter((code) => !taken.has(code))
}

/** Whether a code is free (see freeCodesAmong). */
export async function isFreeCode(code: string, client: QueryClientContract) {
  const free = await freeCodesAmong([code], client)
  return free.length === 1
}

/** A new random code that no card holds and no print run reserved. */
export async function newFreeCode(client: QueryClientContract): Promise<string> {
  for (;;) {
    const code = generateCardCode()
    if (await isFreeCode(code, client)) return code
  }
}
