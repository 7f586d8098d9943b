import db from '@adonisjs/lucid/services/db'
import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'

/** How many responses each survey has, by survey id. */
export async function responseCounts(surveyIds: number[]) {
  if (!surveyIds.length) return new Map<number, number>()
  const rows = await db
    .from('survey_responses')
    .whereIn('survey_id', surveyIds)
    .groupBy('survey_id')
    .select('survey_id')
    .count('* as total')
  return new Map(rows.map((row) => [Number(row.survey_id), Number(row.total)]))
}

/** The address respondents of an anonymous survey open, without signing in. */
export function publicLinkOf(linkToken: string) {
  return urlFor('public_surveys.show', { token: linkToken }, { prefixUrl: env.get('APP_URL') })
}
