import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { retentionCutoff, type Removed } from '#core/services/retention_period'

/** Removes anonymous survey responses past their period, with their answers. */
export async function cleanUpSurveyRows(now: DateTime): Promise<Removed[]> {
  const answeredBefore = retentionCutoff('surveyResponses', now).toISODate()!
  const removed = await db.connection('registry').transaction(async (trx) => {
    const old = trx
      .from('survey_responses')
      .whereNull('organisation_id')
      .where('answered_on', '<', answeredBefore)
    // Deleted by hand as well as by the foreign key: SQLite may run without foreign keys.
    await trx.from('survey_answers').whereIn('response_id', old.clone().select('id')).delete()
    return old.delete()
  })
  return [{ kind: 'surveyResponses', count: Number(removed) }]
}
