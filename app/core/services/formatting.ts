import { DateTime } from 'luxon'
import { ZONE } from '#core/services/time'

type Moment = DateTime | Date | string | null | undefined

/*
| Dates and times as each language writes them, in Finnish time. Written
| out rather than left to Intl: for sv-FI, Intl gives "2.12.2026 07.00"
| without the "kl." that Swedish in Finland writes, and en-GB "02/12/2026",
| which an English reader outside Britain may read the wrong way round.
*/
const FORMATS = {
  fi: {
    intl: 'fi',
    date: 'd.M.yyyy',
    time: 'H.mm',
    dateTime: "d.M.yyyy 'klo' H.mm",
    weekdayDate: 'ccc d.M.yyyy',
    weekdayDateTime: "ccc d.M.yyyy 'klo' H.mm",
    showStart: "ccc d.M. 'klo' H.mm",
  },
  sv: {
    intl: 'sv',
    date: 'd.M.yyyy',
    time: 'H.mm',
    dateTime: "d.M.yyyy 'kl.' H.mm",
    weekdayDate: 'ccc d.M.yyyy',
    weekdayDateTime: "ccc d.M.yyyy 'kl.' H.mm",
    showStart: "ccc d.M. 'kl.' H.mm",
  },
  // English has no "klo": 2 Dec 2026, 18:00.
  en: {
    intl: 'en',
    date: 'd MMM yyyy',
    time: 'HH:mm',
    dateTime: 'd MMM yyyy, HH:mm',
    weekdayDate: 'ccc d MMM yyyy',
    weekdayDateTime: 'ccc d MMM yyyy, HH:mm',
    showStart: 'ccc d MMM, HH:mm',
  },
} as const

type Style = 'date' | 'time' | 'dateTime' | 'weekdayDate' | 'weekdayDateTime' | 'showStart'

/** A DateTime, a JS Date, or an ISO or SQL string ("2026-11-23", "2026-11-23 17:00:00", stored in UTC). */
function toMoment(value: Exclude<Moment, null | undefined>): DateTime {
  if (value instanceof DateTime) return value
  if (value instanceof Date) return DateTime.fromJSDate(value)
  // A bare date is a Finnish calendar date; a time without a zone is stored UTC.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return DateTime.fromISO(value, { zone: ZONE })
  const iso = DateTime.fromISO(value, { zone: 'utc' })
  return iso.isValid ? iso : DateTime.fromSQL(value, { zone: 'utc' })
}

/*
| Pages write the same moments again and again (the box office lists every
| coming show on each registration), and luxon's time-zone offset is the
| dear part of writing one: each moment's text is kept, per language and
| style, up to MAX_WRITTEN texts at a time.
*/
const MAX_WRITTEN = 10_000
const written = new Map<string, string>()

function format(value: Moment, locale: string, style: Style): string {
  if (!value) return ''
  const moment = toMoment(value)
  const key = `${style}\0${locale}\0${moment.toMillis()}`
  let text = written.get(key)
  if (text === undefined) {
    const formats = FORMATS[locale as keyof typeof FORMATS] ?? FORMATS.fi
    text = moment.setZone(ZONE).setLocale(formats.intl).toFormat(formats[style])
    if (written.size >= MAX_WRITTEN) written.clear()
    written.set(key, text)
  }
  return text
}

/** 2.12.2026 (fi, sv), 2 Dec 2026 (en). Empty for no date. */
export function formatDate(value: Moment, locale = 'fi'): string {
  return format(value, locale, 'date')
}

/**
 * A date as a date field holds it, in every language: 24.11.2026, the form
 * the validators read (DATE_FORMATS); a value that is not a date (what the
 * user typed) is kept as it is.
 */
export function dateFieldValue(value: Moment): string {
  if (!value) return ''
  if (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(value)) return value
  const moment = toMoment(value)
  return moment.isValid ? moment.setZone(ZONE).toFormat('d.M.yyyy') : String(value)
}

/** 7.00 (fi, sv), 07:00 (en). */
export function formatTime(value: Moment, locale = 'fi'): string {
  return format(value, locale, 'time')
}

/** 2.12.2026 klo 7.00 (fi), 2.12.2026 kl. 7.00 (sv), 2 Dec 2026, 07:00 (en). */
export function formatDateTime(value: Moment, locale = 'fi'): string {
  return format(value, locale, 'dateTime')
}

/** ke 2.12.2026 (fi), ons 2.12.2026 (sv), Wed 2 Dec 2026 (en): a day someone picks or plans by. */
export function formatWeekdayDate(value: Moment, locale = 'fi'): string {
  return format(value, locale, 'weekdayDate')
}

/** ke 2.12.2026 klo 18.00 (fi), ons 2.12.2026 kl. 18.00 (sv), Wed 2 Dec 2026, 18:00 (en). */
export function formatWeekdayDateTime(value: Moment, locale = 'fi'): string {
  return format(value, locale, 'weekdayDateTime')
}

/**
 * A show's start within the coming or past months, weekday first and no
 * year: ti 3.12. klo 18.00 (fi), tors 3.12. kl. 18.00 (sv), Thu 3 Dec, 18:00 (en).
 */
export function formatShowStart(value: Moment, locale = 'fi'): string {
  return format(value, locale, 'showStart')
}

/**
 * The helpers in one language, for a page: a template that leaves
 * out the language still writes dates as its reader does.
 */
export function dateFormatsIn(locale: string) {
  return {
    formatDate: (value: Moment, chosen = locale) => formatDate(value, chosen),
    formatTime: (value: Moment, chosen = locale) => formatTime(value, chosen),
    formatDateTime: (value: Moment, chosen = locale) => formatDateTime(value, chosen),
    formatWeekdayDate: (value: Moment, chosen = locale) => formatWeekdayDate(value, chosen),
    formatWeekdayDateTime: (value: Moment, chosen = locale) => formatWeekdayDateTime(value, chosen),
  }
}
