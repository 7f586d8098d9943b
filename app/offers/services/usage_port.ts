import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/*
| Offers needs to know how many card places a show has given out (to show
| it, and to refuse a capacity or cap below it) and whether anyone has used
| a show (then it stays, as history). Uses belong to `usage`, which uses
| offers; so that offers does not use usage back, it asks through this port,
| and usage fills it at boot (start/ports.ts).
*/
export interface OccurrenceUsage {
  /** Card places taken (not cancelled) per occurrence; read in `trx` when given. */
  placesTaken(
    occurrenceIds: number[],
    trx?: TransactionClientContract
  ): Promise<Map<number, number>>
  /** Whether any use, even a cancelled one, refers to the occurrence. */
  hasUses(occurrenceId: number, trx?: TransactionClientContract): Promise<boolean>
}

let provider: OccurrenceUsage | undefined

export function provideOccurrenceUsage(implementation: OccurrenceUsage) {
  provider = implementation
}

export function occurrenceUsage(): OccurrenceUsage {
  if (!provider) throw new Error('No module provides the uses of occurrences (start/ports.ts)')
  return provider
}

/** Card places taken on one occurrence. */
export async function placesTakenAt(occurrenceId: number, trx?: TransactionClientContract) {
  const taken = await occurrenceUsage().placesTaken([occurrenceId], trx)
  return taken.get(occurrenceId) ?? 0
}
