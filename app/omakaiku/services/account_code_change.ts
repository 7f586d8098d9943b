import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { toSqlDateTime } from '#core/services/time'

/** A lost card moved to a new code: the holder's account now shows and signs in with the new card. */
export async function moveAccountToCode(oldCode: string, newCode: string) {
  await db
    .connection('omakaiku')
    .from('accounts')
    .where('card_code', oldCode)
    .update({ card_code: newCode, updated_at: toSqlDateTime(DateTime.utc()) })
}
