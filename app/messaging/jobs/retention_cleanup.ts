import type { DateTime } from 'luxon'
import { describeRemoved } from '#core/services/retention_period'
import { cleanUpCoreRows } from '#core/services/retention_cleanup'
import { cleanUpRegistryRows } from '#registry/services/retention_cleanup'
import { cleanUpOmaKaikuRows } from '#omakaiku/services/retention_cleanup'
import { cleanUpSurveyRows } from '#surveys/services/retention_cleanup'
import { cleanUpMessagingRows } from '#messaging/services/retention_cleanup'
import { cleanUpFeedbackRows } from '#feedback/services/retention_cleanup'
import { cleanUpUsageRows } from '#usage/services/retention_cleanup'

/** Each module removes its own rows past the periods of config/retention.ts. */
export async function cleanUpExpiredRows(now: DateTime) {
  const removed = [
    ...(await cleanUpCoreRows(now)),
    ...(await cleanUpRegistryRows(now)),
    ...(await cleanUpOmaKaikuRows(now)),
    ...(await cleanUpSurveyRows(now)),
    ...(await cleanUpMessagingRows(now)),
    ...(await cleanUpFeedbackRows(now)),
    ...(await cleanUpUsageRows(now)),
  ]
  return describeRemoved(removed)
}
