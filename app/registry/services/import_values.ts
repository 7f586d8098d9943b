import vine from '@vinejs/vine'
import i18nManager from '@adonisjs/i18n/services/main'
import { LOCALES, type Locale } from '#config/i18n'
import type { ImportLine, ImportProblem } from '#core/services/import_kind'

/*
| Reading the values of the registry's import files (organisations, staff
| users): words in any case and with any spacing, yes/no in Finnish,
| Swedish or English, e-mail addresses as the staff-user form takes them.
*/

/** A word as it is compared: lower case, "-", "_" and runs of spaces as one space. */
export function wordKey(value: string) {
  return value
    .trim()
    .toLocaleLowerCase('fi')
    .replace(/[\s_-]+/g, ' ')
}

/**
 * The words a file may use for each value: the key itself, its label in
 * each language of the app (`labels.<key>`, as the forms show it) and the
 * extra words given (the old register's own).
 */
export function wordsFor<Key extends string>(
  keys: readonly Key[],
  labels: string,
  extra: Partial<Record<Key, readonly string[]>> = {}
) {
  const words = new Map<string, Key>()
  for (const key of keys) {
    words.set(wordKey(key), key)
    for (const locale of LOCALES) {
      words.set(wordKey(i18nManager.locale(locale).t(`${labels}.${key}`)), key)
    }
    for (const word of extra[key] ?? []) words.set(wordKey(word), key)
  }
  return words
}

const YES = new Set(['yes', 'kyllä', 'kylla', 'ja', 'true', '1', 'k', 'y'])
const NO = new Set(['no', 'ei', 'nej', 'false', '0', 'e', 'n'])

/** true or false, null when empty, undefined when it is neither. */
export function yesNo(value: string): boolean | null | undefined {
  const word = wordKey(value)
  if (word === '') return null
  if (YES.has(word)) return true
  if (NO.has(word)) return false
  return undefined
}

const LOCALE_WORDS = new Map<string, Locale>([
  ['fi', 'fi'],
  ['suomi', 'fi'],
  ['finska', 'fi'],
  ['finnish', 'fi'],
  ['sv', 'sv'],
  ['ruotsi', 'sv'],
  ['svenska', 'sv'],
  ['swedish', 'sv'],
  ['en', 'en'],
  ['englanti', 'en'],
  ['engelska', 'en'],
  ['english', 'en'],
])

/** A language of the app by its code or name (fi, suomi, svenska, english …), or undefined. */
export function localeOf(value: string): Locale | undefined {
  return LOCALE_WORDS.get(wordKey(value))
}

/** An e-mail address as the staff-user form takes it, in lower case; null when it is not one. */
export function emailAddressOf(value: string): string | null {
  const address = value.trim().toLowerCase()
  return address.length <= 254 && vine.helpers.isEmail(address) ? address : null
}

/** A public web address as the organisation form takes it (http or https); null when it is not one. */
export function publicUrlOf(value: string): string | null {
  const address = value.trim()
  return address.length <= 500 &&
    vine.helpers.isURL(address, { protocols: ['http', 'https'], require_protocol: true })
    ? address
    : null
}

/** The trimmed value of a column: '' when empty, undefined when the file has no such column. */
export function valueOf(line: ImportLine, column: string): string | undefined {
  const value = line.values[column]
  return value === undefined ? undefined : value.trim()
}

/**
 * Collects a row's problems, each with its column and a key under
 * `import.refusals.*`: the kind's prefix and the reason (`user_bad_email`).
 */
export class RowProblems {
  list: ImportProblem[] = []

  constructor(private prefix: 'organisation' | 'user') {}

  add(column: string | null, reason: string, params?: ImportProblem['params']) {
    const key = `${this.prefix}_${reason}`
    this.list.push(params ? { column, reason: key, params } : { column, reason: key })
  }

  /** The column's value; refused when empty, or longer than the register keeps. */
  required(line: ImportLine, column: string, max: number) {
    const value = valueOf(line, column) ?? ''
    if (value === '') this.add(column, 'value_missing')
    else if (value.length > max) this.add(column, 'too_long', { max })
    return value
  }

  /** The column's value, or null when empty; refused when longer than the register keeps. */
  optional(line: ImportLine, column: string, max: number) {
    const value = valueOf(line, column)
    if (value === undefined || value === '') return value === undefined ? undefined : null
    if (value.length > max) this.add(column, 'too_long', { max })
    return value
  }
}
