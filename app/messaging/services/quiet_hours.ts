import type { DateTime } from 'luxon'
import messagingConfig from '#config/messaging'
import { ZONE } from '#core/services/time'

type Window = { from: number; to: number }

/** Minutes after midnight, Finnish time. */
function minuteOfDay(moment: DateTime) {
  const local = moment.setZone(ZONE)
  return local.hour * 60 + local.minute
}

/** Whether SMS must wait at this moment (the window may cross midnight, as 21:00-08:00 does). */
export function isQuietTime(moment: DateTime, window: Window = messagingConfig.quietHours) {
  const minute = minuteOfDay(moment)
  return window.from <= window.to
    ? minute >= window.from && minute < window.to
    : minute >= window.from || minute < window.to
}
