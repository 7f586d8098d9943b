import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import type { CountryCode, NumberType } from 'libphonenumber-js/max'
import type { ImportProblem } from '#core/services/import_kind'
import { parseImportDate } from '#core/services/import_dates'
import { importedCardCode } from '#registry/services/card_code'

/*
| Privacy at the border. A cardholder's name, identity number, phone,
| e-mail or address never belongs in Kaikukanta, so a cards or uses file
| with a column that looks like one is refused as a whole, naming the
| column, before anything is written. The guard sees the header and then
| every value of every column (documented or not, headed or not) and keeps
| only which columns it has flagged, why, and the first row it saw it on:
| never a value.
|
| By header (lower case, accents and separators ignored: "Sähkö-posti" is
| "sahkoposti"), in this order, the first that matches:
|   identity_number  hetu, henkilötunnus, sotu, ssn, personbeteckning,
|                    personnummer, social security, identity code/number
|   email            sähköposti, email / e-mail, e-post, s-posti
|   phone            puhelin, gsm, phone, mobile, mobiili, matkapuhelin,
|                    kännykkä, telefon; the words puh, tel, tfn
|   address          osoite (katu-, lähi-, koti-), address, adress, street;
|                    the words katu, gata
|   name             a word ending in nimi, name or namn (nimi, etunimi,
|                    sukunimi, asiakkaan_nimi, first_name, surname, namn,
|                    förnamn, efternamn)
| A "name" that is a thing's name is no person's: a header whose other words
| (or, in one word, whose beginning) all name a thing the files document
| (tapahtuman_nimi, event_name, venue_name, organisaation nimi; see
| THING_WORDS). "asiakkaan_nimi" or "yhteyshenkilön nimi" stay names.
| The documented columns (DOCUMENTED_COLUMNS, and those the kind passes)
| are never flagged by their header; their values are checked like any
| other's.
|
| By value (one is enough):
|   identity_number  a Finnish henkilötunnus anywhere in the text: DDMMYY,
|                    the century sign (+ - A–F U–Y), three digits and the
|                    check character, which must be right, on a real date
|   email            something@domain.tld anywhere in the text
|   phone            the whole value a phone number: starts with +, 0 or
|                    "(0", has 7 digits or more (8 when written without
|                    spaces or dashes: 0501234 is more likely a padded id),
|                    is not a date, and is a person's number for
|                    libphonenumber-js: a valid mobile or landline number,
|                    as Finnish or Swedish unless it starts with + or 00
|                    (service numbers such as 010… and 020… are
|                    organisations'). So a source id (1234567), a postal
|                    code (00100), a year, a venue id (0100123) never are.
|   address          a street word (…tie, …katu, …kuja, …polku, …väylä,
|                    …raitti, …kaari, …gatan, …vägen, …gränd) followed by a
|                    house number: "Hämeenkatu 14 B 7"; not in the free-text
|                    columns about events and places (an event may be named
|                    after a street, a venue has an address), see THING_WORDS.
*/

export type IdentityKind = 'name' | 'identity_number' | 'phone' | 'email' | 'address'

export type IdentityFinding = {
  /** The column's header, or its letter (A, B, …, AA) when it has none. */
  column: string
  /** 0-based position in the row. */
  index: number
  kind: IdentityKind
  /** The first row it was seen on: the header row when seen in the header. */
  row: number
  by: 'header' | 'value'
}

/**
 * Columns of the documented cards and uses formats (docs/IMPORT.md) whose
 * names could look like identity but are not: written as the guard
 * compares them (lower case, no accents, words joined by "_").
 */
export const DOCUMENTED_COLUMNS: readonly string[] = [
  'event_name',
  'tapahtuma',
  'tapahtuman_nimi',
  'organisation',
  'organisation_name',
  'organisaatio',
  'venue',
  'venue_name',
  'kohde',
  'postal_code',
  'postinumero',
  'postnummer',
]

/**
 * Words (beginnings of words, for Finnish and Swedish inflection) for the
 * things import files name: events, venues, organisations, places, areas.
 */
const THING_WORDS =
  /^(event|tapahtum|esity|forestallning|evenemang|organisation|organization|organisaatio|jarjesto|forening|venue|kohde|kohte|paikka|paikan|plats|kunta|kunnan|kommun|municip|alue|omrade|area)/

const HEADER_RULES: { kind: IdentityKind; within?: RegExp; word?: RegExp }[] = [
  {
    kind: 'identity_number',
    within:
      /hetu|henkilotunnus|sotu|ssn|personbeteckning|personnummer|socialsecurity|identitycode|identitynumber/,
  },
  { kind: 'email', within: /sahkoposti|email|epost|sposti/ },
  {
    kind: 'phone',
    within: /puhelin|gsm|phone|mobile|mobiili|matkapuh|kannykka|telefon/,
    word: /^(puh|tel|tfn)$/,
  },
  { kind: 'address', within: /osoite|address|adress|street/, word: /^(katu|gata)$/ },
]

const NAME_ENDING = /(nimi|name|namn)$/

/** 'Sähkö-Posti ' → ['sahko', 'posti'] */
function words(header: string) {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

function isPersonName(parts: string[]) {
  const named = parts.filter((part) => NAME_ENDING.test(part))
  if (named.length === 0) return false
  // Each word that names is a thing's name: "event name", "tapahtumannimi", "venue_name".
  const others = parts.filter((part) => !NAME_ENDING.test(part))
  const thingsOnly = others.length > 0 && others.every((part) => THING_WORDS.test(part))
  return !named.every((part) => {
    const stem = part.replace(NAME_ENDING, '')
    return stem === '' ? thingsOnly : THING_WORDS.test(stem)
  })
}

/** What a header says its column holds, if it is identity (see above). */
export function headerIdentity(
  header: string,
  documented: ReadonlySet<string> = new Set()
): IdentityKind | null {
  const parts = words(header)
  if (parts.length === 0) return null
  const key = parts.join('_')
  if (documented.has(key) || DOCUMENTED_COLUMNS.includes(key)) return null
  const compact = parts.join('')
  for (const rule of HEADER_RULES) {
    if (rule.within?.test(compact)) return rule.kind
    if (rule.word && parts.some((part) => rule.word!.test(part))) return rule.kind
  }
  return isPersonName(parts) ? 'name' : null
}

// ------------------------------------------------------------ values

const HETU =
  /(?<![\p{L}\p{N}])(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])(?![\p{L}\p{N}])/giu
const HETU_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY'
const CENTURY: Record<string, number> = { '+': 1800, '-': 1900, 'A': 2000 }

function century(sign: string) {
  if (sign in CENTURY) return CENTURY[sign]
  return /[B-F]/.test(sign) ? 2000 : 1900 // U–Y: 1900s, B–F: 2000s
}

/** Whether a text holds a valid henkilötunnus (date real, check character right). */
export function hasHenkilotunnus(text: string) {
  if (text.length < 11) return false
  for (const match of text.matchAll(HETU)) {
    const [, dd, mm, yy, sign, individual, check] = match
    const year = century(sign.toUpperCase()) + Number(yy)
    const month = Number(mm)
    const day = Number(dd)
    if (month < 1 || month > 12 || day < 1) continue
    if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) continue
    if (HETU_CHECK[Number(`${dd}${mm}${yy}${individual}`) % 31] === check.toUpperCase()) {
      return true
    }
  }
  return false
}

const EMAIL = /[^\s@<>()[\]\\,;:"']+@[^\s@<>()[\]\\,;:"']+\.\p{L}{2,}/u

const PHONE_SHAPE = /^(\+|0|\(0)[\d\s\-()./]+$/
const DATE_SHAPE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/

/** Numbers a person has; service numbers (010…, 020…, toll-free) are an organisation's. */
const PERSONAL_TYPES = new Set<NumberType>(['MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE'])

const personal = (text: string, country: CountryCode) => {
  const parsed = parsePhoneNumberFromString(text, country)
  const type = parsed?.isValid() ? parsed.getType() : undefined
  return type !== undefined && PERSONAL_TYPES.has(type)
}

/** Whether the whole value is a phone number (see above). */
export function isPhoneNumber(text: string) {
  if (!PHONE_SHAPE.test(text) || DATE_SHAPE.test(text) || parseImportDate(text)) return false
  const digits = text.match(/\d/g)?.length ?? 0
  // Seven bare digits are more likely an id padded with zeros (0501234) than a phone number.
  if (digits < 7 || (digits < 8 && /^\d+$/.test(text))) return false
  if (text.startsWith('+') || text.startsWith('00')) return personal(text, 'FI')
  return personal(text, 'FI') || personal(text, 'SE')
}

const STREET =
  /(?<!\p{L})\p{L}+(tie|katu|kuja|polku|väylä|raitti|kaari|gatan|vägen|gränd)\s+\d{1,4}(?!\d)/iu

/** Whether a text holds a street address: a street word and a house number. */
export const hasStreetAddress = (text: string) => STREET.test(text)

function valueIdentity(
  value: string,
  checkAddress: boolean,
  cardCode: boolean
): IdentityKind | null {
  // The shortest identity: "a@b.fi", "Xtie 1", seven digits.
  if (value.length < 6) return null
  if (value.includes('@') && EMAIL.test(value)) return 'email'
  if (hasHenkilotunnus(value)) return 'identity_number'
  // An old all-digit card code such as 04512345 can read as a phone number.
  if (!cardCode && isPhoneNumber(value)) return 'phone'
  if (checkAddress && hasStreetAddress(value)) return 'address'
  return null
}

/** 0 → A, 25 → Z, 26 → AA. */
function columnLetter(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26))
  return index < 26 ? letter : columnLetter(Math.floor(index / 26) - 1) + letter
}

/**
 * Looks for identity in one file: made with its headers, fed every row's
 * values with `check`; `problems()` at the end (or as soon as `refused`).
 */
export class IdentityGuard {
  readonly #headers: readonly string[]
  readonly #documented: ReadonlySet<string>
  readonly #found = new Map<number, IdentityFinding>()
  /** Columns (by position) whose values are free text about events and places. */
  readonly #placeText = new Set<number>()
  /** Columns (by position) of card codes: a value there that is a card code is not a phone. */
  readonly #codeColumns = new Set<number>()

  /**
   * `headers` as the file has them; `headerRow` the row they are on;
   * `documented` the kind's own column names (required and optional),
   * never flagged by their header; `codeColumns` those of card codes.
   */
  constructor(
    headers: readonly string[],
    options: {
      headerRow?: number
      documented?: readonly string[]
      codeColumns?: readonly string[]
    } = {}
  ) {
    this.#headers = [...headers]
    this.#documented = new Set((options.documented ?? []).map((name) => words(name).join('_')))
    const headerRow = options.headerRow ?? 1
    headers.forEach((header, index) => {
      const parts = words(header)
      if (parts.some((part) => THING_WORDS.test(part))) this.#placeText.add(index)
      if (options.codeColumns?.includes(header)) this.#codeColumns.add(index)
      const kind = headerIdentity(header, this.#documented)
      if (kind) this.#flag(index, kind, headerRow, 'header')
    })
    // A file without a header row has its first row read as the header: its values count too.
    this.check(headerRow, headers)
  }

  #flag(index: number, kind: IdentityKind, row: number, by: 'header' | 'value') {
    const header = this.#headers[index] ?? ''
    const column = header.trim() === '' ? columnLetter(index) : header
    this.#found.set(index, { column, index, kind, row, by })
  }

  /** Looks at one row's values (all of them, headed or not). */
  check(row: number, values: readonly string[]) {
    for (const [index, value] of values.entries()) {
      if (this.#found.has(index)) continue
      const cardCode = this.#codeColumns.has(index) && importedCardCode(value).ok
      const kind = valueIdentity(value, !this.#placeText.has(index), cardCode)
      if (kind) this.#flag(index, kind, row, 'value')
    }
  }

  /** Whether any column looks like identity. */
  get refused() {
    return this.#found.size > 0
  }

  /** The flagged columns in the file's order. */
  findings(): IdentityFinding[] {
    return [...this.#found.values()].sort((a, b) => a.index - b.index)
  }

  /**
   * The refusals, one per column: reason 'identity_column'; the text is
   * `import.identity.<kind>` with `{column}` and `{row}` (identityMessageKey).
   */
  problems(): Array<
    ImportProblem & { params: { column: string; kind: IdentityKind; row: number } }
  > {
    return this.findings().map(({ column, kind, row }) => ({
      column,
      reason: 'identity_column',
      params: { column, kind, row },
    }))
  }
}

/** The translation key of an identity refusal's text. */
export const identityMessageKey = (kind: IdentityKind) => `import.identity.${kind}`
