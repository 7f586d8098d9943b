import edge from 'edge.js'
import { formatDate, formatDateTime } from '#core/services/formatting'
import { formatCardCode } from '#registry/services/card_code'
import { today } from '#core/services/time'

/* Helpers every template may use. */
edge.global('formatDate', formatDate)
edge.global('formatDateTime', formatDateTime)
edge.global('formatCardCode', formatCardCode)
edge.global('today', today)
