import { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ImportKind, ImportLine, ImportProblem } from '#core/services/import_kind'
import { parseImportDate } from '#core/services/import_dates'
import { ZONE, isoDateFromRow, momentFromRow, toSqlDateTime, today } from '#core/services/time'
import {
  CARD_STATUSES,
  CARD_TYPES,
  COMMUNITY_ROLES,
  GENDERS,
  LIFE_SITUATIONS,
  type CardStatus,
  type CardType,
  type CommunityRole,
} from '#registry/models/card'
import { CARD_CODE_LENGTH, importedCardCode } from '#registry/services/card_code'
import { valueOf, wordKey, wordsFor } from '#registry/services/import_values'
import { ERASED_BACKGROUND } from '#registry/services/card_background'
import { MAX_MOTHER_TONGUES, MOTHER_TONGUES } from '#registry/services/mother_tongues'
import { EARLIEST_BIRTH_YEAR, MAX_CHILDREN } from '#registry/validators/card'

/*
| The cards file of the old register (issue 20; docs/IMPORT.md). Columns, by
| their lower-case headers; any other column is ignored (and a column that
| looks like identity refuses the whole file before this kind sees a row):
|
|   id                the old register's id of the card (kept as source_id, at most 64 characters)
|   code              the card's code, kept as it is on the card: upper-cased, spaces and dashes
|                     removed; today's code (nine characters with our check character), or an old
|                     one in the format config/card_codes.ts accepts (importedCardCode)
|   type              personal | community, or henkilökohtainen | yhteisö (also the forms' labels
|                     in Finnish, Swedish and English)
|   organisation      the issuing organisation's id in the organisations file (imported first)
|   issued_on         1.2.2024, 01.02.2024 or 2024-02-01; not in the future
|   valid_until       the card's last valid day; not before issued_on
|   community_role    optional; a community card's holder: worker | volunteer | student | partner
|                     (or työntekijä, vapaaehtoinen, opiskelija, kumppani); required for a community
|                     card, empty for a personal one
|   status            optional: active | ended | withdrawn (or käytössä, voimassa, päätetty,
|                     päättynyt, poistettu); empty or absent: active
|   ended_on          optional; required for an ended or withdrawn card, empty for an active one
|   birth_year        optional: from 1900 to the year of issue
|   postal_code       optional: five digits (a spreadsheet's lost leading zeros are put back:
|                     100 → 00100)
|   children_count    optional: own children or grandchildren under 18, 0–20; empty: 0
|   mother_tongues    optional: up to four, separated by commas or semicolons: fi, sv, smi, ru, et,
|                     ar, en, so, fa, uk, ku, sq, other, or their names (suomi, svenska, English …)
|   gender            optional: woman | man | other | not_given (or nainen, mies, muu, en halua kertoa)
|   life_situation    optional: employed | unemployed | student | retired | other (or työssä,
|                     työtön, opiskelija, eläkkeellä, muu)
|   consent_given_on  optional: the day the holder consented to the data being kept
|
| Birth year, postal code and children are required when a card is issued in
| Kaikukanta, but an old card without them is imported with them unknown
| (null; children 0, so no child is let in on it): a missing value cannot be
| made up, and the card must keep working. Kaikukanta has such cards too
| (consent withdrawn, the retention clean-up). A value given must be valid.
| A partner's community card has no background data: it describes no person.
|
| A row is found in the register by its id: a new one is added, a changed
| one updated (its revision moves, so a form opened before is refused), an
| unchanged one skipped. A code another card holds — imported under another
| id or issued in Kaikukanta, now or before it was replaced — or one a print
| run reserved refuses the row. An absent mother_tongues, gender,
| life_situation or consent_given_on column leaves what the register has;
| an empty value clears it. A card whose holder has withdrawn their consent
| in Kaikukanta is left as it is: no file brings it or its data back. A lost
| card moved to a new code in Kaikukanta keeps its new code. Imported cards
| get no history events: the card page shows their dates, and the history
| starts with what is done to them in Kaikukanta.
*/
export const CARD_COLUMNS = {
  required: ['id', 'code', 'type', 'organisation', 'issued_on', 'valid_until'],
  optional: [
    'community_role',
    'status',
    'ended_on',
    'birth_year',
    'postal_code',
    'children_count',
    'mother_tongues',
    'gender',
    'life_situation',
    'consent_given_on',
  ],
} as const

/** The most characters of the old register's id that the register keeps. */
export const SOURCE_ID_LENGTH = 64

/** Columns of `cards` the file sets, in the form they are stored in. */
type CardValues = {
  code: string
  type: CardType
  community_role: CommunityRole | null
  issuing_organisation_id: number
  issued_on: string
  valid_until: string
  status: CardStatus
  ended_on: string | null
  birth_year: number | null
  postal_code: string | null
  children_count: number
  /** Absent (undefined) when the file has no such column: what the register has is kept. */
  mother_tongues?: string | null
  gender?: string | null
  life_situation?: string | null
  consent_given_at?: string | null
}

export type CardImportRow = { sourceId: string; values: CardValues }

type Words<Key extends string> = Map<string, Key>

export type CardImportContext = {
  /** Organisations by their id in the old register. */
  organisations: Map<string, number>
  today: string
  words: {
    type: Words<CardType>
    communityRole: Words<CommunityRole>
    status: Words<CardStatus>
    gender: Words<(typeof GENDERS)[number]>
    lifeSituation: Words<(typeof LIFE_SITUATIONS)[number]>
    motherTongue: Words<(typeof MOTHER_TONGUES)[number]>
  }
  /** The current batch's updates (classify → write): the card and only what changes. */
  updates: Map<string, { id: number; changes: Partial<CardValues> }>
}

const BACKGROUND = Object.keys(ERASED_BACKGROUND) as Array<keyof typeof ERASED_BACKGROUND>
const REFUSED = 'card_'
/** Rows per INSERT: SQLite takes at most 500 (knex writes one SELECT per row, joined by UNION ALL). */
const INSERT_CHUNK = 500

/** A row's problems, each a key under `import.refusals.*`; never the refused value itself. */
class Problems {
  list: ImportProblem[] = []

  add(column: string | null, reason: string, params?: ImportProblem['params']) {
    const problem: ImportProblem = { column, reason: REFUSED + reason }
    if (params) problem.params = params
    this.list.push(problem)
  }
}

function required(line: ImportLine, column: string, problems: Problems): string {
  const value = valueOf(line, column) ?? ''
  if (value === '') problems.add(column, 'value_missing')
  return value
}

function dateOf(line: ImportLine, column: string, problems: Problems, latest: string) {
  const value = valueOf(line, column) ?? ''
  if (value === '') return null
  const date = parseImportDate(value)
  if (!date) problems.add(column, 'bad_date')
  else if (date > latest) problems.add(column, 'date_in_future')
  return date
}

function choiceOf<Key extends string>(
  line: ImportLine,
  column: string,
  words: Words<Key>,
  problems: Problems
): Key | null | undefined {
  const value = valueOf(line, column)
  if (!value) return value === undefined ? undefined : null
  const key = words.get(wordKey(value))
  if (!key)
    problems.add(column, 'not_allowed', { allowed: [...new Set(words.values())].join(', ') })
  return key ?? null
}

function wholeNumberOf(
  line: ImportLine,
  column: string,
  range: [number, number],
  problems: Problems
): number | null {
  const value = valueOf(line, column) ?? ''
  if (value === '') return null
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!(number >= range[0] && number <= range[1])) {
    problems.add(column, 'number_range', { min: range[0], max: range[1] })
    return null
  }
  return number
}

function postalCodeOf(line: ImportLine, problems: Problems): string | null {
  const value = valueOf(line, 'postal_code') ?? ''
  if (value === '') return null
  // A spreadsheet reads 00100 as a number and drops the zeros in front.
  if (!/^\d{3,5}$/.test(value)) {
    problems.add('postal_code', 'postal_code')
    return null
  }
  return value.padStart(5, '0')
}

function motherTonguesOf(
  line: ImportLine,
  words: Words<(typeof MOTHER_TONGUES)[number]>,
  problems: Problems
): string | null | undefined {
  const value = valueOf(line, 'mother_tongues')
  if (!value) return value === undefined ? undefined : null
  const tongues = new Set<string>()
  for (const word of value.split(/[,;]/).filter((part) => part.trim() !== '')) {
    const tongue = words.get(wordKey(word))
    if (!tongue) {
      problems.add('mother_tongues', 'not_allowed', { allowed: MOTHER_TONGUES.join(', ') })
      return null
    }
    tongues.add(tongue)
  }
  if (tongues.size > MAX_MOTHER_TONGUES) {
    problems.add('mother_tongues', 'too_many', { max: MAX_MOTHER_TONGUES })
    return null
  }
  // In the list's own order, so that the same languages in another order are the same value.
  return MOTHER_TONGUES.filter((tongue) => tongues.has(tongue)).join(',') || null
}

/** Consent on a day: its start in Finnish time, stored in UTC as every timestamp. */
const consentMoment = (date: string) => toSqlDateTime(DateTime.fromISO(date, { zone: ZONE }))

/** A stored card as the values the file would set, to compare with a row. */
function storedValues(card: Record<string, unknown>): CardValues {
  const consent = momentFromRow(card.consent_given_at)
  return {
    code: String(card.code),
    type: card.type as CardType,
    community_role: (card.community_role as CommunityRole | null) ?? null,
    issuing_organisation_id: Number(card.issuing_organisation_id),
    issued_on: isoDateFromRow(card.issued_on)!,
    valid_until: isoDateFromRow(card.valid_until)!,
    status: card.status as CardStatus,
    ended_on: isoDateFromRow(card.ended_on),
    birth_year: card.birth_year === null ? null : Number(card.birth_year),
    postal_code: (card.postal_code as string | null) ?? null,
    children_count: Number(card.children_count),
    mother_tongues: (card.mother_tongues as string | null) || null,
    gender: (card.gender as string | null) ?? null,
    life_situation: (card.life_situation as string | null) ?? null,
    consent_given_at: consent ? toSqlDateTime(consent) : null,
  }
}

/** What of a row differs from the stored card (a column the file does not have, nothing). */
function changesOf(stored: CardValues, row: CardValues, keepCode: boolean): Partial<CardValues> {
  const changes: Record<string, unknown> = {}
  for (const [column, value] of Object.entries(row)) {
    if (value === undefined || (column === 'code' && keepCode)) continue
    if (stored[column as keyof CardValues] !== value) changes[column] = value
  }
  return changes as Partial<CardValues>
}

export const cardImport: ImportKind<CardImportRow, CardImportContext> = {
  name: 'cards',
  required: CARD_COLUMNS.required,
  optional: CARD_COLUMNS.optional,
  guardsIdentity: true,
  codeColumns: ['code'],

  async prepare(client: QueryClientContract) {
    const organisations = await client
      .from('organisations')
      .whereNotNull('source_id')
      .select('id', 'source_id')
    return {
      organisations: new Map(organisations.map((row) => [String(row.source_id), Number(row.id)])),
      today: today().toISODate()!,
      words: {
        type: wordsFor(CARD_TYPES, 'cards.type', {
          personal: ['henkilökohtainen'],
          community: ['yhteisö', 'yhteisön'],
        }),
        communityRole: wordsFor(COMMUNITY_ROLES, 'cards.community_role', {
          partner: ['kumppani'],
        }),
        status: wordsFor(CARD_STATUSES, 'cards.status', {
          active: ['aktiivinen', 'voimassa'],
          ended: ['päättynyt'],
          withdrawn: ['poistettu'],
        }),
        gender: wordsFor(GENDERS, 'cards.gender', { not_given: ['ei kerrottu'] }),
        lifeSituation: wordsFor(LIFE_SITUATIONS, 'cards.life_situation', {
          retired: ['eläkeläinen'],
        }),
        motherTongue: wordsFor(MOTHER_TONGUES, 'cards.language'),
      },
      updates: new Map(),
    }
  },

  parse(line: ImportLine, context: CardImportContext) {
    const problems = new Problems()
    const { words } = context

    const sourceId = required(line, 'id', problems)
    if (sourceId.length > SOURCE_ID_LENGTH) {
      problems.add('id', 'too_long', { max: SOURCE_ID_LENGTH })
    }

    const codeText = required(line, 'code', problems)
    const code = codeText ? importedCardCode(codeText) : null
    if (code && !code.ok) {
      const reason = code.problem === 'empty' ? 'value_missing' : `code_${code.problem}`
      problems.add('code', reason, { max: CARD_CODE_LENGTH })
    }

    const typeText = required(line, 'type', problems)
    const type = typeText ? choiceOf(line, 'type', words.type, problems) : null

    const organisationText = required(line, 'organisation', problems)
    const organisationId = organisationText ? context.organisations.get(organisationText) : null
    if (organisationText && !organisationId) problems.add('organisation', 'unknown_organisation')

    if (!valueOf(line, 'issued_on')) problems.add('issued_on', 'value_missing')
    const issuedOn = dateOf(line, 'issued_on', problems, context.today)
    if (!valueOf(line, 'valid_until')) problems.add('valid_until', 'value_missing')
    const validUntil = dateOf(line, 'valid_until', problems, '9999-12-31')
    if (issuedOn && validUntil && validUntil < issuedOn) {
      problems.add('valid_until', 'valid_until_before_issued_on')
    }

    const communityRole = choiceOf(line, 'community_role', words.communityRole, problems) ?? null
    if (type === 'community' && !communityRole && !valueOf(line, 'community_role')) {
      problems.add('community_role', 'value_missing')
    }
    if (type === 'personal' && communityRole) {
      problems.add('community_role', 'community_role_for_personal')
    }

    const statusChoice = choiceOf(line, 'status', words.status, problems)
    const status = statusChoice ?? 'active'
    const statusKnown = statusChoice || !valueOf(line, 'status')
    const endedOn = dateOf(line, 'ended_on', problems, context.today)
    if (statusKnown && status !== 'active' && !valueOf(line, 'ended_on')) {
      problems.add('ended_on', 'value_missing')
    }
    if (statusKnown && status === 'active' && endedOn) {
      problems.add('ended_on', 'ended_on_for_active')
    }
    if (issuedOn && endedOn && endedOn < issuedOn) {
      problems.add('ended_on', 'ended_on_before_issued_on')
    }

    // Born by the year of issue: the age rule of today's form is not checked on old cards.
    const issuedYear = Number((issuedOn ?? context.today).slice(0, 4))
    const birthYear = wholeNumberOf(line, 'birth_year', [EARLIEST_BIRTH_YEAR, issuedYear], problems)
    const postalCode = postalCodeOf(line, problems)
    const childrenCount = wholeNumberOf(line, 'children_count', [0, MAX_CHILDREN], problems)
    const background = {
      birth_year: birthYear,
      postal_code: postalCode,
      children_count: childrenCount ?? 0,
      mother_tongues: motherTonguesOf(line, words.motherTongue, problems),
      gender: choiceOf(line, 'gender', words.gender, problems),
      life_situation: choiceOf(line, 'life_situation', words.lifeSituation, problems),
    }
    if (communityRole === 'partner') {
      // A partner's card describes no person: it has no background data to import.
      for (const column of BACKGROUND) {
        if (valueOf(line, column)) problems.add(column, 'partner_no_background')
      }
    }

    const consentText = valueOf(line, 'consent_given_on')
    const consentOn = dateOf(line, 'consent_given_on', problems, context.today)

    if (problems.list.length > 0) return { problems: problems.list }
    const values: CardValues = {
      code: code!.ok ? code!.code : '',
      type: type!,
      community_role: type === 'community' ? communityRole : null,
      issuing_organisation_id: organisationId!,
      issued_on: issuedOn!,
      valid_until: validUntil!,
      status,
      ended_on: status === 'active' ? null : endedOn,
      ...background,
      consent_given_at:
        consentText === undefined ? undefined : consentOn ? consentMoment(consentOn) : null,
    }
    return { row: { sourceId, values } }
  },

  uniqueKeys(row: CardImportRow) {
    // MariaDB compares ids without case: "a1" and "A1" are one card there, so in every file.
    return { id: row.sourceId.toLowerCase(), code: row.values.code }
  },

  async classify(rows: CardImportRow[], client: QueryClientContract, context: CardImportContext) {
    context.updates = new Map()
    const sourceIds = rows.map((row) => row.sourceId)
    const codes = rows.map((row) => row.values.code)
    // One after another: the client may be the file's transaction, one connection.
    const existing = await client.from('cards').whereIn('source_id', sourceIds).select('*')
    const holders = await client.from('cards').whereIn('code', codes).select('id', 'code')
    const replaced = await client
      .from('replaced_codes')
      .whereIn('old_code', codes)
      .select('old_code', 'card_id')
    const printed = await client.from('printed_codes').whereIn('code', codes).select('code')

    const bySource = new Map(existing.map((card) => [String(card.source_id).toLowerCase(), card]))
    const holderOf = new Map(holders.map((card) => [String(card.code), Number(card.id)]))
    const replacedFrom = new Map(replaced.map((row) => [String(row.old_code), Number(row.card_id)]))
    const reserved = new Set(printed.map((row) => String(row.code)))

    return rows.map((row) => {
      const card = bySource.get(row.sourceId.toLowerCase())
      const cardId = card ? Number(card.id) : null
      const code = row.values.code
      const heldBy = holderOf.get(code) ?? replacedFrom.get(code)
      if (heldBy !== undefined && heldBy !== cardId) {
        return { column: 'code', reason: `${REFUSED}code_taken` }
      }
      if (heldBy === undefined && reserved.has(code)) {
        return { column: 'code', reason: `${REFUSED}code_printed` }
      }
      if (!card) return 'add'
      // The holder's withdrawal is final: no file brings the card or its data back.
      if (card.consent_withdrawn_at !== null) return 'skip'

      // A code the card gave up for a new one in Kaikukanta (a lost card) stays given up.
      const changes = changesOf(storedValues(card), row.values, replacedFrom.get(code) === cardId)
      if (Object.keys(changes).length === 0) return 'skip'
      context.updates.set(row.sourceId, { id: cardId!, changes })
      return 'update'
    })
  },

  async write(rows, trx: TransactionClientContract, context: CardImportContext) {
    const now = toSqlDateTime(DateTime.now())
    const added = rows
      .filter(({ outcome }) => outcome === 'add')
      .map(({ row }) => ({
        ...row.values,
        // A column the file does not have: nothing to keep on a new card.
        mother_tongues: row.values.mother_tongues ?? null,
        gender: row.values.gender ?? null,
        life_situation: row.values.life_situation ?? null,
        consent_given_at: row.values.consent_given_at ?? null,
        source_id: row.sourceId,
        revision: 1,
        created_at: now,
        updated_at: now,
      }))
    for (let start = 0; start < added.length; start += INSERT_CHUNK) {
      await trx.table('cards').multiInsert(added.slice(start, start + INSERT_CHUNK))
    }

    for (const { row, outcome } of rows) {
      if (outcome !== 'update') continue
      const update = context.updates.get(row.sourceId)
      if (!update) continue
      await trx
        .from('cards')
        .where('id', update.id)
        .update({ ...update.changes, revision: trx.raw('revision + 1'), updated_at: now })
    }
  },
}
