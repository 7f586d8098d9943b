import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ImportKind, ImportLine, ImportProblem } from '#core/services/import_kind'
import Organisation, {
  DISTRIBUTOR_CATEGORIES,
  ORGANISATION_TYPES,
  VENUE_CATEGORIES,
  type DistributorCategory,
  type OrganisationType,
  type VenueCategory,
} from '#registry/models/organisation'
import { contactPhoneOf } from '#registry/services/contact_phone'
import {
  RowProblems,
  emailAddressOf,
  publicUrlOf,
  valueOf,
  wordKey,
  wordsFor,
  yesNo,
} from '#registry/services/import_values'

/*
| The organisations file of the old register (issue 20; docs/IMPORT.md).
|
|   id             the old register's id of the organisation (kept as source_id, at most 64 characters)
|   name           the organisation's name
|   type           distributor | venue | ticket_agent | partner, or the Finnish word: jakaja
|                  (kortinjakaja), kohde (Kaikukortti-kohde), lipunmyyjä (lipunvälittäjä), kumppani
|                  (also the forms' labels in Swedish and English)
|   area           the area's name as Kaikukanta has it, in any case; empty only for a pop-up venue
|                  of the national centre, which sits outside every area
|   municipality   the municipality's name as Kaikukanta has it, in any case; one of the area's
|                  municipalities; empty for a pop-up venue
|   category       a venue's category: the key the organisation form uses (museum, theatre …) or
|                  its label (Museo, Teater, Cinema …); a distributor's category, optional: the
|                  key (social_services, ngo, parish …) or its label (Järjestö, Församling …),
|                  empty keeps what Kaikukanta has (the old register had none); ignored for
|                  other types
|   contact_name   the Kaikukortti contact person (optional columns: empty clears, an absent
|   contact_phone  column keeps what Kaikukanta has)
|   contact_email
|   website        the organisation's website and its accessibility information page, as the
|   accessibility  network directory links to them: http(s) addresses (optional columns: empty
|                  clears, an absent column keeps what Kaikukanta has)
|   active         optional: yes/no, kyllä/ei, true/false, 1/0; empty or absent: a new
|                  organisation is in use, an existing one stays as it is
|
| A row is found in the register by its id: new rows are added, changed ones
| updated, unchanged ones skipped. An organisation made in Kaikukanta by hand
| before the import (no source id) with the same name (any case), area and
| type, and the same municipality or none, is taken to be the same one: the
| import takes it over (gives it the id) and updates it. Two such candidates
| for one row refuse the row, since the file cannot say which one it means.
*/

export const ORGANISATION_COLUMNS = {
  required: ['id', 'name', 'type', 'area', 'municipality', 'category'],
  optional: [
    'contact_name',
    'contact_phone',
    'contact_email',
    'website',
    'accessibility',
    'active',
  ],
} as const

/** The old register's words for the types of organisation (besides the forms' labels). */
const TYPE_WORDS: Partial<Record<OrganisationType, readonly string[]>> = {
  distributor: ['jakaja', 'kortinjakaja'],
  venue: ['kohde', 'kaikukortti-kohde'],
  ticket_agent: ['lipunmyyjä', 'lipunvälittäjä'],
  partner: ['kumppani', 'kumppaniorganisaatio'],
}

export type OrganisationImportRow = {
  line: number
  sourceId: string
  name: string
  type: OrganisationType
  areaId: number | null
  municipalityId: number | null
  venueCategory: VenueCategory | null
  /** undefined: empty for a distributor, keep what is there. */
  distributorCategory?: DistributorCategory | null
  /** undefined: the file has no such column (or the value is empty: `active`), keep what is there. */
  contactName?: string | null
  contactPhone?: string | null
  contactEmail?: string | null
  websiteUrl?: string | null
  accessibilityUrl?: string | null
  active?: boolean
}

type Candidate = { id: number; municipalityId: number | null }

export type OrganisationImportContext = {
  areas: Map<string, { id: number; name: string }>
  municipalities: Map<string, { id: number; name: string; areaId: number }>
  types: Map<string, OrganisationType>
  categories: Map<string, VenueCategory>
  distributorCategories: Map<string, DistributorCategory>
  /** Organisations without a source id, by name, area and type: what a row may take over. */
  unclaimed: Map<string, Candidate[]>
  /** Organisations taken over in this pass: the row's source id → the organisation's id. */
  takenOver: Map<string, number>
}

const nameKey = (name: string, areaId: number | null, type: string) =>
  `${wordKey(name)}|${areaId ?? ''}|${type}`

/** The fields the register keeps of a row, as they would be written. */
function fieldsOf(row: OrganisationImportRow) {
  return {
    name: row.name,
    type: row.type,
    areaId: row.areaId,
    municipalityId: row.municipalityId,
    venueCategory: row.venueCategory,
    ...(row.distributorCategory !== undefined && {
      distributorCategory: row.distributorCategory,
    }),
    ...(row.contactName !== undefined && { contactName: row.contactName }),
    ...(row.contactPhone !== undefined && { contactPhone: row.contactPhone }),
    ...(row.contactEmail !== undefined && { contactEmail: row.contactEmail }),
    ...(row.websiteUrl !== undefined && { websiteUrl: row.websiteUrl }),
    ...(row.accessibilityUrl !== undefined && { accessibilityUrl: row.accessibilityUrl }),
    ...(row.active !== undefined && { active: row.active }),
    // The old register's organisations are in the network: imported, they count as approved.
    approval: 'approved' as const,
  }
}

function differs(organisation: Organisation, row: OrganisationImportRow) {
  return Object.entries(fieldsOf(row)).some(([field, value]) => {
    const current = organisation[field as keyof Organisation]
    // MariaDB gives booleans as 0/1.
    return field === 'active' ? Boolean(current) !== value : current !== value
  })
}

/** The existing organisation a row would take over, or a refusal when there are several. */
function candidateFor(
  row: OrganisationImportRow,
  context: OrganisationImportContext
): Candidate | ImportProblem | null {
  const candidates = (context.unclaimed.get(nameKey(row.name, row.areaId, row.type)) ?? []).filter(
    (candidate) =>
      candidate.municipalityId === null || candidate.municipalityId === row.municipalityId
  )
  if (candidates.length > 1) {
    return {
      column: 'name',
      reason: 'organisation_name_ambiguous',
      params: { name: row.name, count: candidates.length },
    }
  }
  return candidates[0] ?? null
}

export const organisationImport: ImportKind<OrganisationImportRow, OrganisationImportContext> = {
  name: 'organisations',
  required: ORGANISATION_COLUMNS.required,
  optional: ORGANISATION_COLUMNS.optional,
  guardsIdentity: false,

  async prepare(client: QueryClientContract) {
    const [areas, municipalities, unclaimed] = await Promise.all([
      client.from('areas').select('id', 'name'),
      client.from('municipalities').select('id', 'name', 'area_id'),
      client
        .from('organisations')
        .whereNull('source_id')
        .select('id', 'name', 'area_id', 'type', 'municipality_id'),
    ])
    const context: OrganisationImportContext = {
      areas: new Map(areas.map((area) => [wordKey(area.name), { id: area.id, name: area.name }])),
      municipalities: new Map(
        municipalities.map((municipality) => [
          wordKey(municipality.name),
          { id: municipality.id, name: municipality.name, areaId: municipality.area_id },
        ])
      ),
      types: wordsFor(ORGANISATION_TYPES, 'admin.organisation_type', TYPE_WORDS),
      categories: wordsFor(VENUE_CATEGORIES, 'admin.venue_category'),
      distributorCategories: wordsFor(DISTRIBUTOR_CATEGORIES, 'admin.distributor_category'),
      unclaimed: new Map(),
      takenOver: new Map(),
    }
    for (const organisation of unclaimed) {
      const key = nameKey(organisation.name, organisation.area_id, organisation.type)
      const candidates = context.unclaimed.get(key) ?? []
      candidates.push({ id: organisation.id, municipalityId: organisation.municipality_id })
      context.unclaimed.set(key, candidates)
    }
    return context
  },

  parse(line: ImportLine, context: OrganisationImportContext) {
    const problems = new RowProblems('organisation')
    const sourceId = problems.required(line, 'id', 64)
    const name = problems.required(line, 'name', 150)

    const typeWord = problems.required(line, 'type', 100)
    const type = typeWord ? context.types.get(wordKey(typeWord)) : undefined
    if (typeWord && !type) problems.add('type', 'unknown_type', { value: typeWord })

    let venueCategory: VenueCategory | null = null
    const categoryWord = valueOf(line, 'category') ?? ''
    if (type === 'venue') {
      if (categoryWord === '') problems.add('category', 'category_missing')
      else {
        venueCategory = context.categories.get(wordKey(categoryWord)) ?? null
        if (!venueCategory) problems.add('category', 'unknown_category', { value: categoryWord })
      }
    }
    let distributorCategory: DistributorCategory | undefined
    if (type === 'distributor' && categoryWord !== '') {
      distributorCategory = context.distributorCategories.get(wordKey(categoryWord))
      if (!distributorCategory) {
        problems.add('category', 'unknown_distributor_category', { value: categoryWord })
      }
    }

    const areaWord = valueOf(line, 'area') ?? ''
    const municipalityWord = valueOf(line, 'municipality') ?? ''
    const area = areaWord ? context.areas.get(wordKey(areaWord)) : undefined
    const municipality = municipalityWord
      ? context.municipalities.get(wordKey(municipalityWord))
      : undefined
    if (areaWord === '') {
      if (type && type !== 'venue') problems.add('area', 'area_missing')
      else if (municipalityWord) problems.add('municipality', 'popup_municipality')
    } else if (!area) {
      problems.add('area', 'unknown_area', { value: areaWord })
    }
    if (areaWord !== '') {
      if (municipalityWord === '') problems.add('municipality', 'value_missing')
      else if (!municipality) {
        problems.add('municipality', 'unknown_municipality', { value: municipalityWord })
      } else if (area && municipality.areaId !== area.id) {
        problems.add('municipality', 'municipality_not_in_area', {
          municipality: municipality.name,
          area: area.name,
        })
      }
    }

    const contactName = problems.optional(line, 'contact_name', 150)
    const phoneWord = problems.optional(line, 'contact_phone', 30)
    const contactPhone = phoneWord ? contactPhoneOf(phoneWord) : phoneWord
    if (phoneWord && !contactPhone) problems.add('contact_phone', 'bad_phone')
    const emailWord = valueOf(line, 'contact_email')
    let contactEmail: string | null | undefined = emailWord === undefined ? undefined : null
    if (emailWord) {
      contactEmail = emailAddressOf(emailWord)
      if (!contactEmail) problems.add('contact_email', 'bad_email')
    }

    const [websiteUrl, accessibilityUrl] = (['website', 'accessibility'] as const).map((column) => {
      const word = valueOf(line, column)
      if (!word) return word === undefined ? undefined : null
      const url = publicUrlOf(word)
      if (!url) problems.add(column, 'bad_url', { value: word })
      return url
    })

    const activeWord = valueOf(line, 'active') ?? ''
    const active = yesNo(activeWord)
    if (active === undefined) problems.add('active', 'bad_yes_no', { value: activeWord })

    if (problems.list.length) return { problems: problems.list }
    return {
      row: {
        line: line.row,
        sourceId,
        name,
        type: type!,
        areaId: area?.id ?? null,
        municipalityId: area ? municipality!.id : null,
        venueCategory,
        // A type other than distributor has none; an empty cell keeps what is there.
        distributorCategory: type === 'distributor' ? distributorCategory : null,
        contactName,
        contactPhone,
        contactEmail,
        websiteUrl,
        accessibilityUrl,
        active: active ?? undefined,
      },
    }
  },

  uniqueKeys(row: OrganisationImportRow) {
    return { id: row.sourceId }
  },

  async classify(rows: OrganisationImportRow[], client: QueryClientContract, context) {
    const existing = await Organisation.query({ client }).whereIn(
      'source_id',
      rows.map((row) => row.sourceId)
    )
    const bySource = new Map(existing.map((organisation) => [organisation.sourceId!, organisation]))
    return rows.map((row) => {
      const known = bySource.get(row.sourceId)
      if (known) return differs(known, row) ? 'update' : 'skip'
      // Classified again in the same pass: still the organisation it took over.
      if (context.takenOver.has(row.sourceId)) return 'update'
      const candidate = candidateFor(row, context)
      if (candidate === null) return 'add'
      if ('reason' in candidate) return candidate
      // Taken over: no later row of the file can take the same organisation.
      const key = nameKey(row.name, row.areaId, row.type)
      context.unclaimed.set(
        key,
        context.unclaimed.get(key)!.filter((other) => other.id !== candidate.id)
      )
      context.takenOver.set(row.sourceId, candidate.id)
      return 'update'
    })
  },

  async write(rows, trx: TransactionClientContract, context) {
    for (const { row, outcome } of rows) {
      if (outcome === 'add') {
        await Organisation.create(
          { active: true, ...fieldsOf(row), sourceId: row.sourceId },
          { client: trx }
        )
        continue
      }
      const takenOver = context.takenOver.get(row.sourceId)
      const organisation = await Organisation.query({ client: trx })
        .if(
          takenOver !== undefined,
          (query) => query.where('id', takenOver!).whereNull('source_id'),
          (query) => query.where('source_id', row.sourceId)
        )
        .firstOrFail()
      organisation.merge({ ...fieldsOf(row), sourceId: row.sourceId })
      await organisation.save()
    }
  },
}
