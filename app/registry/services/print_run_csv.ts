import db from '@adonisjs/lucid/services/db'
import type PrintRun from '#registry/models/print_run'
import { formatCardCode } from '#registry/services/card_code'
import { toCsv } from '#core/services/csv'

/*
| The codes of a run for print houses that print from data: one row per
| card in the order reserved, the code as scanned (QR, barcode) and as
| printed in groups, with what goes on the card's face.
*/
export const PRINT_CSV_HEADINGS = ['number', 'code', 'code_printed', 'card_type', 'language']

export async function printRunCsv(run: PrintRun) {
  const codes = await db
    .connection('registry')
    .from('printed_codes')
    .where('print_run_id', run.id)
    .orderBy('id')
    .select('code')
  return toCsv([
    PRINT_CSV_HEADINGS,
    ...codes.map((row, index) => [
      index + 1,
      row.code,
      formatCardCode(row.code),
      run.cardType,
      run.language,
    ]),
  ])
}
