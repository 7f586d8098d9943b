import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { retentionCutoff, type Removed } from '#core/services/retention_period'
import { toSqlDateTime } from '#core/services/time'
import { ERASED_BACKGROUND } from '#registry/services/card_background'

/**
 * Removes staff reset links past their period, and erases the background
 * data of cards that ended long ago. The card row, its history and its uses
 * stay: the card still counts in totals, no longer in any breakdown.
 */
export async function cleanUpRegistryRows(now: DateTime): Promise<Removed[]> {
  const registry = db.connection('registry')
  const tokensBefore = toSqlDateTime(retentionCutoff('staffResetTokens', now))
  const tokens = await registry
    .from('password_reset_tokens')
    .where((query) =>
      query.where('expires_at', '<', tokensBefore).orWhere('used_at', '<', tokensBefore)
    )
    .delete()

  // A card ends on its end date, or after its last valid day if it was never ended.
  const endedBefore = retentionCutoff('cardBackground', now).toISODate()!
  const cards = await registry
    .from('cards')
    .whereRaw('coalesce(ended_on, valid_until) < ?', [endedBefore])
    .where((query) =>
      query
        .whereNotNull('birth_year')
        .orWhereNotNull('postal_code')
        .orWhere('children_count', '>', 0)
        .orWhereNotNull('mother_tongues')
        .orWhereNotNull('gender')
        .orWhereNotNull('life_situation')
    )
    .update({
      ...ERASED_BACKGROUND,
      // The statistics refresh finds changed cards by this and rebuilds their year.
      updated_at: toSqlDateTime(DateTime.utc()),
      revision: registry.raw('revision + 1'),
    })

  return [
    { kind: 'staffResetTokens', count: Number(tokens) },
    { kind: 'cardBackground', count: Number(cards) },
  ]
}
