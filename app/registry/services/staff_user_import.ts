import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import logger from '@adonisjs/core/services/logger'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type {
  ImportKind,
  ImportLine,
  ImportNotice,
  ImportProblem,
} from '#core/services/import_kind'
import { ROLES, ROLE_ORGANISATION_TYPE, type Role } from '#core/roles'
import type { Locale } from '#config/i18n'
import { toSqlDateTime } from '#core/services/time'
import User from '#registry/models/user'
import type { OrganisationType } from '#registry/models/organisation'
import { sendAccountInvitation } from '#registry/services/password_reset'
import {
  RowProblems,
  emailAddressOf,
  localeOf,
  valueOf,
  wordKey,
  wordsFor,
} from '#registry/services/import_values'

/*
| The staff users file of the old register (issue 20; docs/IMPORT.md).
|
|   id            the old register's id of the user (kept as source_id, at most 64 characters)
|   email         the user's e-mail address: their sign-in name, one user's only
|   name          the user's name
|   role          admin | area_coordinator | distributor | venue | ticket_agent | partner, or the
|                 Finnish word: pääkäyttäjä, koordinaattori (alueen vastuuhenkilö), jakaja, kohde,
|                 lipunmyyjä, kumppani (also the forms' labels in Swedish and English)
|   organisation  for distributor, venue, ticket_agent and partner: the id of the user's
|                 organisation in the old register (its organisations file imported first),
|                 of the type the role needs; ignored for other roles
|   area          for an area coordinator: the area's name as Kaikukanta has it, any case;
|                 ignored for other roles
|   language      optional: the language of the invitation (fi, sv, en or suomi, svenska,
|                 english …); Finnish when empty or absent
|
| Never a password: a user sets their own through an invitation, exactly as
| when an administrator adds them in Kaikukanta. A row with a value in a
| password column (password, salasana, hash) is refused; an empty one is
| ignored. The invitations go out only after the file has been committed
| (afterCommit), once per user added: a run that finds the user already
| there (by its id) never sends another.
*/

/** Columns that would carry a password: accepted only so that a row with one can be refused. */
const PASSWORD_COLUMNS = ['password', 'salasana', 'hash'] as const

export const STAFF_USER_COLUMNS = {
  required: ['id', 'email', 'name', 'role', 'organisation', 'area'],
  optional: ['language', ...PASSWORD_COLUMNS],
} as const

/** The old register's words for the roles (besides the forms' labels). */
const ROLE_WORDS: Partial<Record<Role, readonly string[]>> = {
  admin: ['pääkäyttäjä', 'kaikukeskus', 'ylläpitäjä'],
  area_coordinator: [
    'coordinator',
    'koordinaattori',
    'aluekoordinaattori',
    'vastuuhenkilö',
    'alueen vastuuhenkilö',
  ],
  distributor: ['jakaja', 'kortinjakaja'],
  venue: ['kohde', 'kaikukortti-kohde'],
  ticket_agent: ['lipunmyyjä', 'lipunvälittäjä'],
  partner: ['kumppani'],
}

export type StaffUserImportRow = {
  line: number
  sourceId: string
  email: string
  fullName: string
  role: Role
  organisationId: number | null
  areaId: number | null
  locale: Locale
}

export type StaffUserImportContext = {
  /** Imported organisations by their source id. */
  organisations: Map<string, { id: number; type: OrganisationType }>
  areas: Map<string, number>
  roles: Map<string, Role>
  /** Users added by this pass's writes, to invite once the file is committed. */
  invitations: Array<{ userId: number; sourceId: string; row: number; locale: Locale }>
}

const isOrganisationRole = (role: Role): role is keyof typeof ROLE_ORGANISATION_TYPE =>
  role in ROLE_ORGANISATION_TYPE

/** The fields the register keeps of a row. */
function fieldsOf(row: StaffUserImportRow) {
  return {
    fullName: row.fullName,
    email: row.email,
    role: row.role,
    organisationId: row.organisationId,
    areaId: row.areaId,
  }
}

function differs(user: User, row: StaffUserImportRow) {
  return Object.entries(fieldsOf(row)).some(([field, value]) => user[field as keyof User] !== value)
}

/** Where the role puts the user: the organisation or area it needs, or what is wrong. */
function placement(
  line: ImportLine,
  role: Role,
  context: StaffUserImportContext,
  problems: RowProblems
) {
  if (isOrganisationRole(role)) {
    const sourceId = valueOf(line, 'organisation') ?? ''
    const organisation = sourceId ? context.organisations.get(sourceId) : undefined
    if (sourceId === '') problems.add('organisation', 'organisation_missing', { role })
    else if (!organisation)
      problems.add('organisation', 'unknown_organisation', { value: sourceId })
    else if (organisation.type !== ROLE_ORGANISATION_TYPE[role]) {
      problems.add('organisation', 'role_type_mismatch', { role, type: organisation.type })
    }
    return { organisationId: organisation?.id ?? null, areaId: null }
  }
  if (role === 'area_coordinator') {
    const name = valueOf(line, 'area') ?? ''
    const areaId = name ? context.areas.get(wordKey(name)) : undefined
    if (name === '') problems.add('area', 'area_missing')
    else if (areaId === undefined) problems.add('area', 'unknown_area', { value: name })
    return { organisationId: null, areaId: areaId ?? null }
  }
  return { organisationId: null, areaId: null }
}

/**
 * Sends the invitations of the users a committed file added, each once, in
 * the row's language: the same e-mail and link as when an administrator adds
 * a user. A failed send leaves the user in place (they can ask for a new
 * link with "Forgot your password?") and comes back as a notice.
 */
export async function sendImportInvitations(
  invitations: StaffUserImportContext['invitations']
): Promise<ImportNotice[]> {
  const notices: ImportNotice[] = []
  const pending = invitations.splice(0)
  const found = await User.query().whereIn('id', [0, ...pending.map((entry) => entry.userId)])
  const users = new Map(found.map((user) => [user.id, user]))
  for (const { userId, sourceId, row, locale } of pending) {
    const user = users.get(userId)
    // Not there (or another user in its place): the file was not committed after all.
    if (!user || user.sourceId !== sourceId) continue
    try {
      await sendAccountInvitation(user, locale)
    } catch (error) {
      logger.warn({ err: error, userId }, 'import: the invitation of an imported user was not sent')
      notices.push({ row, column: 'email', reason: 'user_invitation_not_sent' })
    }
  }
  return notices
}

export const staffUserImport: ImportKind<StaffUserImportRow, StaffUserImportContext> = {
  name: 'users',
  required: STAFF_USER_COLUMNS.required,
  optional: STAFF_USER_COLUMNS.optional,
  guardsIdentity: false,

  async prepare(client: QueryClientContract) {
    const [organisations, areas] = await Promise.all([
      client.from('organisations').whereNotNull('source_id').select('id', 'source_id', 'type'),
      client.from('areas').select('id', 'name'),
    ])
    return {
      organisations: new Map(
        organisations.map((organisation) => [
          String(organisation.source_id),
          { id: organisation.id, type: organisation.type },
        ])
      ),
      areas: new Map(areas.map((area) => [wordKey(area.name), area.id])),
      roles: wordsFor(ROLES, 'roles', ROLE_WORDS),
      invitations: [],
    }
  },

  parse(line: ImportLine, context: StaffUserImportContext) {
    const problems = new RowProblems('user')
    for (const column of PASSWORD_COLUMNS) {
      if (valueOf(line, column)) problems.add(column, 'password_given')
    }
    const sourceId = problems.required(line, 'id', 64)
    const emailWord = problems.required(line, 'email', 254)
    const email = emailWord ? emailAddressOf(emailWord) : null
    if (emailWord && !email) problems.add('email', 'bad_email')
    const fullName = problems.required(line, 'name', 150)

    const roleWord = problems.required(line, 'role', 100)
    const role = roleWord ? context.roles.get(wordKey(roleWord)) : undefined
    if (roleWord && !role) problems.add('role', 'unknown_role', { value: roleWord })
    const place = role ? placement(line, role, context, problems) : null

    const languageWord = valueOf(line, 'language') ?? ''
    const locale = languageWord ? localeOf(languageWord) : 'fi'
    if (!locale) problems.add('language', 'bad_language', { value: languageWord })

    if (problems.list.length) return { problems: problems.list }
    return {
      row: {
        line: line.row,
        sourceId,
        email: email!,
        fullName,
        role: role!,
        organisationId: place!.organisationId,
        areaId: place!.areaId,
        locale: locale!,
      },
    }
  },

  uniqueKeys(row: StaffUserImportRow) {
    return { id: row.sourceId, email: row.email }
  },

  async classify(rows: StaffUserImportRow[], client: QueryClientContract) {
    const [known, holders] = await Promise.all([
      User.query({ client }).whereIn(
        'source_id',
        rows.map((row) => row.sourceId)
      ),
      User.query({ client })
        .whereIn(
          'email',
          rows.map((row) => row.email)
        )
        .select('id', 'email', 'source_id'),
    ])
    const bySource = new Map(known.map((user) => [user.sourceId!, user]))
    const byEmail = new Map(holders.map((user) => [user.email.toLowerCase(), user]))
    return rows.map((row): ImportProblem | 'add' | 'update' | 'skip' => {
      const holder = byEmail.get(row.email)
      if (holder && holder.sourceId !== row.sourceId) {
        return { column: 'email', reason: 'user_email_taken' }
      }
      const user = bySource.get(row.sourceId)
      if (!user) return 'add'
      return differs(user, row) ? 'update' : 'skip'
    })
  },

  async write(rows, trx: TransactionClientContract, context) {
    // Nobody knows this password; the invitation link sets the real one.
    const adds = rows.filter(({ outcome }) => outcome === 'add')
    const unknownPassword = adds.length
      ? await hash.make(randomBytes(32).toString('base64url'))
      : ''
    const now = toSqlDateTime(DateTime.utc())
    for (const { row, outcome } of rows) {
      if (outcome === 'update') {
        const user = await User.query({ client: trx })
          .where('source_id', row.sourceId)
          .firstOrFail()
        user.merge(fieldsOf(row))
        await user.save()
        continue
      }
      // Inserted as it is: the model would hash the hash once more.
      const [id] = await trx.insertQuery().table('users').insert({
        full_name: row.fullName,
        email: row.email,
        password: unknownPassword,
        role: row.role,
        organisation_id: row.organisationId,
        area_id: row.areaId,
        active: true,
        source_id: row.sourceId,
        created_at: now,
        updated_at: now,
      })
      context.invitations.push({
        userId: Number(id),
        sourceId: row.sourceId,
        row: row.line,
        locale: row.locale,
      })
    }
  },

  afterCommit(context: StaffUserImportContext) {
    return sendImportInvitations(context.invitations)
  },
}
