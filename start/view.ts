import edge from 'edge.js'
import { formatDate, formatDateTime } from '#core/services/formatting'
import { formatCardCode } from '#registry/services/card_code'
import { today } from '#core/services/time'
import { INSTRUMENTS, wordingIn } from '#surveys/services/instruments'

/* Helpers every template may use. */
edge.global('formatDate', formatDate)
edge.global('formatDateTime', formatDateTime)
edge.global('formatCardCode', formatCardCode)
edge.global('today', today)
/* A validated instrument's own wording in the page language. */
edge.global('inLanguage', wordingIn)
edge.global('instruments', INSTRUMENTS)
