import edge from 'edge.js'
import {
  formatDate,
  dateFieldValue,
  formatDateTime,
  formatTime,
  formatWeekdayDate,
  formatWeekdayDateTime,
} from '#core/services/formatting'
import { formatCardCode } from '#registry/services/card_code'
import { today } from '#core/services/time'
import { INSTRUMENTS, wordingIn } from '#surveys/services/instruments'
import { chartOf } from '#stats/services/charts'
import { formatStat } from '#stats/services/stat_format'
import { policyParams } from '#start/policy_params'
import { assetUrl } from '#core/services/assets'
import { placeName } from '#registry/services/place_names'
import { keepTemplatesCompiled } from '#core/services/template_cache'

/* Compiled partials and the list of components are kept while Edge's cache is on (production). */
keepTemplatesCompiled(edge)

/*
| Helpers every template may use. A page's request shares the same date
| helpers bound to its language (useLocale); these take Finnish by default.
*/
edge.global('formatDate', formatDate)
edge.global('dateFieldValue', dateFieldValue)
edge.global('formatTime', formatTime)
edge.global('formatDateTime', formatDateTime)
edge.global('formatWeekdayDate', formatWeekdayDate)
edge.global('formatWeekdayDateTime', formatWeekdayDateTime)
edge.global('formatCardCode', formatCardCode)
edge.global('today', today)
/* A validated instrument's own wording in the page language. */
edge.global('inLanguage', wordingIn)
edge.global('instruments', INSTRUMENTS)
/* Statistics: a table's chart geometry, and its numbers as the page language writes them. */
edge.global('chartOf', chartOf)
edge.global('formatStat', formatStat)
/* The policy numbers that texts name: t('offers.booking_opens_hint', policy()). */
edge.global('policy', policyParams)
/* The app's files by their content-hashed address: asset('css/app.css'), asset('htmx.js'). */
edge.global('asset', assetUrl)
/* An area's or municipality's name in the page language: placeName(area, locale). */
edge.global('placeName', placeName)
