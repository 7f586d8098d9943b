import type { HttpContext } from '@adonisjs/core/http'
import { refusalMessage } from '#core/services/field_error'
import { formatTime } from '#core/services/formatting'
import type { AnswerResult } from '#usage/services/waiting_list_answers'

/** What the holder is told after answering an offer, with the notice's tone. */
export function answerMessage(i18n: HttpContext['i18n'], result: AnswerResult) {
  switch (result.outcome) {
    case 'accepted':
      return { tone: 'success', text: i18n.t('usage.waiting.answer.accepted') }
    case 'declined':
      return { tone: '', text: i18n.t('usage.waiting.answer.declined') }
    case 'expired':
      return {
        tone: 'warning',
        text: i18n.t('usage.waiting.answer.expired', {
          until: formatTime(result.until, i18n.locale),
        }),
      }
    case 'refused':
      return {
        tone: 'warning',
        text: i18n.t('usage.waiting.answer.refused', {
          reason: refusalMessage(i18n, result.refusal),
        }),
      }
    default:
      return { tone: '', text: i18n.t('usage.waiting.answer.not_open') }
  }
}
