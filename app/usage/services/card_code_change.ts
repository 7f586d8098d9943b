import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { toSqlDateTime } from '#core/services/time'

/**
 * A lost card moved to a new code: its uses and its places on waiting lists
 * follow, inside the card's own transaction. Touching updated_at makes the statistics rebuild the years
 * of those uses under the new code (the counts stay the same).
 */
export async function moveUsesToCode(
  trx: TransactionClientContract,
  oldCode: string,
  newCode: string
) {
  await trx
    .from('uses')
    .where('card_code', oldCode)
    .update({ card_code: newCode, updated_at: toSqlDateTime(DateTime.utc()) })
  const entries = await trx
    .from('waiting_list_entries')
    .where('card_code', oldCode)
    .select('id', 'occurrence_id', 'active_key')
  for (const entry of entries) {
    await trx
      .from('waiting_list_entries')
      .where('id', entry.id)
      .update({
        card_code: newCode,
        active_key: entry.active_key ? `${entry.occurrence_id}:${newCode}` : null,
        updated_at: toSqlDateTime(DateTime.utc()),
      })
  }
}
