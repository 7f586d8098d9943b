import { DateTime } from 'luxon'
import Survey from '#surveys/models/survey'
import { partnerStatus } from '#surveys/services/survey_results'

/** How many of the area's open partner surveys still wait for an organisation's answer. */
export async function partnerSurveysAwaitingAnswers(areaId: number, now = DateTime.utc()) {
  const surveys = await Survey.query()
    .where('kind', 'partner')
    .where('area_id', areaId)
    .whereNotNull('opened_at')
    .whereNull('closed_at')
  let waiting = 0
  for (const survey of surveys.filter((candidate) => candidate.stateAt(now) === 'open')) {
    const status = await partnerStatus(survey)
    if (status.some((organisation) => !organisation.answeredOn)) waiting++
  }
  return waiting
}
