import privacyConfig from '#config/privacy'
import statisticsConfig from '#config/statistics'
import messagingConfig from '#config/messaging'
import printRunsConfig from '#config/print_runs'
import retentionConfig from '#config/retention'
import feedbackConfig from '#config/feedback'
import waitingListConfig from '#config/waiting_list'
import { PASSWORD_MIN_LENGTH } from '#core/validators/new_password'
import { MINIMUM_AGE } from '#registry/validators/card'
import { CARD_VALIDITY_MONTHS } from '#registry/services/card_validity'
import { RESTRICTION_PARAMS } from '#offers/services/restrictions'
import { STARS } from '#usage/services/use_feedback'
import { NOTE_MAX_LENGTH } from '#omakaiku/validators/holder_forms'

/** Minutes after midnight as a text names the hour: 21, or 21.30. */
function hourOf(minutes: number) {
  const minute = minutes % 60
  const hour = Math.floor(minutes / 60)
  return minute ? `${hour}.${String(minute).padStart(2, '0')}` : String(hour)
}

/*
| The policy numbers that texts name, as translation parameters
| ({threshold}, {capPercent} ...). Each is read from its one home on every
| call, so a changed setting changes every text that names it.
*/
export function policyParams() {
  return {
    threshold: privacyConfig.smallestShown,
    refreshMinutes: statisticsConfig.refreshMinutes,
    ...RESTRICTION_PARAMS,
    minimumAge: MINIMUM_AGE,
    validityMonths: CARD_VALIDITY_MONTHS,
    passwordLength: PASSWORD_MIN_LENGTH,
    quietFrom: hourOf(messagingConfig.quietHours.from),
    quietTo: hourOf(messagingConfig.quietHours.to),
    starsMin: STARS.min,
    starsMax: STARS.max,
    noteLength: NOTE_MAX_LENGTH,
    printMax: printRunsConfig.maxQuantity,
    holdHours: waitingListConfig.holdHours,
    backgroundYears: retentionConfig.cardBackground.kept.years,
    messageDays: retentionConfig.outboxMessages.kept.days,
    replyDays: feedbackConfig.replyWithinDays,
    feedbackYears: retentionConfig.accessibilityFeedback.kept.years,
  }
}
