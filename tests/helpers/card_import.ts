import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { ImportOutcome, ImportProblem } from '#core/services/import_kind'
import type Organisation from '#registry/models/organisation'
import { cardImport } from '#registry/services/card_import'

/*
| The cards import kind called as the import runner calls it: prepare, parse
| each line, classify the parsed rows against the register and write the
| added and updated ones, all in one transaction.
*/
export type KindResult = {
  /** Each line's outcome, or what refused it (parse or classify). */
  outcomes: Array<ImportOutcome | ImportProblem[]>
}

export async function importCardLines(
  lines: Array<Record<string, string>>,
  options: { dryRun?: boolean } = {}
): Promise<KindResult> {
  return db.connection('registry').transaction(async (trx) => {
    const context = await cardImport.prepare(trx)
    const parsed = lines.map((values, index) =>
      cardImport.parse({ row: index + 2, values }, context)
    )
    const rows = parsed.flatMap((line) => ('row' in line ? [line.row] : []))
    const classified = await cardImport.classify(rows, trx, context)
    const toWrite = rows.flatMap((row, index) => {
      const outcome = classified[index]
      return outcome === 'add' || outcome === 'update' ? [{ row, outcome }] : []
    })
    if (!options.dryRun && toWrite.length > 0) await cardImport.write(toWrite, trx, context)
    let next = 0
    return {
      outcomes: parsed.map((line) => {
        if ('problems' in line) return line.problems
        const outcome = classified[next++]
        return typeof outcome === 'object' ? [outcome] : outcome
      }),
    }
  })
}

/** Gives an organisation the id the old register's files know it by. */
export async function giveSourceId(organisation: Organisation | number) {
  const sourceId = `ORG-${randomUUID().slice(0, 8)}`
  await db
    .connection('registry')
    .from('organisations')
    .where('id', typeof organisation === 'number' ? organisation : organisation.id)
    .update({ source_id: sourceId })
  return sourceId
}

/** A line of the cards file as the old register writes it: an active personal card. */
export function cardLine(organisation: string, overrides: Record<string, string> = {}) {
  return {
    id: `K-${randomUUID().slice(0, 8)}`,
    code: 'KK001234',
    type: 'personal',
    organisation,
    issued_on: '1.2.2024',
    valid_until: '31.12.2099',
    status: 'active',
    birth_year: '1980',
    postal_code: '33100',
    children_count: '1',
    mother_tongues: 'fi',
    gender: 'woman',
    life_situation: 'unemployed',
    consent_given_on: '1.2.2024',
    ...overrides,
  }
}
