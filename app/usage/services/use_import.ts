import { createHash } from 'node:crypto'
import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ImportKind, ImportProblem, ParsedLine } from '#core/services/import_kind'
import type { UseStatus } from '#usage/models/card_use'
import { cardTypesOf, type CardType } from '#registry/services/card_check_service'
import { municipalityChoices, municipalityIdsOfArea } from '#registry/services/directory'
import {
  HISTORICAL_TITLE_MAX_LENGTH,
  HistoricalOffers,
  historicalTitle,
} from '#offers/services/historical_offers'
import { isoDateFromRow, toSqlDateTime } from '#core/services/time'
import { parseImportDate } from '#core/services/import_dates'
import { importedCardCode, plainCardCode } from '#registry/services/card_code'

/*
| The old register's uses (issue 20, docs/IMPORT.md), one row each:
|
|   id          the old register's id of the use; kept as `source_id`, so the
|               same file run again finds the uses it made (at most 64 characters)
|   card_code   the card's code as the cards file had it; read as the cards
|               import stores it (importedCardCode: spaces and dashes dropped,
|               upper case, an old code's look-alike letters kept)
|   venue       the old register's id of the venue (the organisations file's
|               `id`): a Kaikukortti venue or a partner organisation
|   event       the event's name (at most 150 characters)
|   event_date  the day of the event or visit: 1.2.2024, 01.02.2024 or 2024-02-01
|   places      card places the use took, a whole number from 1: the holder
|               and the children, or a community card's group
|   children    how many of the places were for children, a whole number from
|               0 up to one less than the places (the holder takes one); empty: none
|   status      registered, cancelled or no_show; in Finnish käytetty,
|               peruttu or ei saapunut (letter case and _ or a space alike)
|
| Imported uses are history: they are NOT checked against today's rules of
| the operating model (caps per show, once per production, open bookings,
| yearly series, the euro cap, a community group's size, whether the card was
| valid that day; use_rules.ts). A row is refused only when it cannot be
| history: its card is not in the register, its venue is not a venue, or a
| value cannot be read.
|
| Each use belongs to an offer: one per venue and event name, made for the
| import and never on offer again (offers' historical_offers.ts). No show
| (occurrence) is made: the old register had no times, and a venue's
| statistics list an event without shows by month. The venue is also whose
| staff registered the use; a cancelled use counts as cancelled by the venue
| (the old register had no self-service for holders).
*/

/** Place counts are stored in small integers. */
const MAX_PLACES = 32767
const SOURCE_ID_MAX_LENGTH = 64
/** Rows per INSERT: within SQLite's limit of compound SELECTs (500) and bound values. */
const ROWS_PER_INSERT = 400
/** Source ids looked up in one query. */
const IDS_PER_QUERY = 1000
const VENUE_TYPES = ['venue', 'partner']

const STATUS_WORDS = new Map<string, UseStatus>([
  ['registered', 'registered'],
  ['käytetty', 'registered'],
  ['cancelled', 'cancelled'],
  ['peruttu', 'cancelled'],
  ['no_show', 'no_show'],
  ['ei_saapunut', 'no_show'],
])

export type ImportedUse = {
  sourceId: string
  cardCode: string
  venueId: number
  event: string
  /** yyyy-MM-dd */
  usedOn: string
  places: number
  children: number
  status: UseStatus
}

type ImportVenue = { id: number; type: string; municipalityId: number | null }

export type UseImportContext = {
  /** Organisations by the old register's id. */
  venues: Map<string, ImportVenue>
  venuesById: Map<number, ImportVenue>
  /** Where an offer of a venue that has no municipality is placed. */
  fallbackMunicipality: Map<number, number>
  offers: HistoricalOffers
  /** Card types by code, as found so far in this pass. */
  cardTypes: Map<string, CardType>
}

/** A use's card code in the form the cards import stored the card's (importedCardCode). */
function importedCode(input: string) {
  const imported = importedCardCode(input)
  // A code no card can have: kept plain, so that the row is refused as an unknown card.
  return imported.ok ? imported.code : plainCardCode(input)
}

function wholeNumber(text: string): number | null {
  return /^\d{1,9}$/.test(text) ? Number(text) : null
}

/** The form's one-time key of an imported use: the same for the same source id, never a UUID's. */
function submissionKeyOf(sourceId: string) {
  return `import-${createHash('sha256').update(sourceId).digest('hex').slice(0, 29)}`
}

function groupSizeOf(type: CardType, places: number) {
  return type === 'community' ? places : null
}

type StoredUse = {
  card_code: string
  organisation_id: number
  offer_id: number
  used_on: unknown
  places: number
  children_count: number
  group_size: number | null
  status: string
  registered_by_organisation_id: number
}

/** The uses made by earlier imports, by source id. */
async function storedUses(sourceIds: string[], client: QueryClientContract) {
  const stored = new Map<string, StoredUse>()
  for (let start = 0; start < sourceIds.length; start += IDS_PER_QUERY) {
    const rows = await client
      .from('uses')
      .whereIn('source_id', sourceIds.slice(start, start + IDS_PER_QUERY))
      .select(
        'source_id',
        'card_code',
        'organisation_id',
        'offer_id',
        'used_on',
        'places',
        'children_count',
        'group_size',
        'status',
        'registered_by_organisation_id'
      )
    for (const row of rows) stored.set(row.source_id, row)
  }
  return stored
}

function unchanged(stored: StoredUse, use: ImportedUse, type: CardType, offerId: number | null) {
  const groupSize = groupSizeOf(type, use.places)
  return (
    stored.card_code === use.cardCode &&
    Number(stored.organisation_id) === use.venueId &&
    Number(stored.registered_by_organisation_id) === use.venueId &&
    Number(stored.offer_id) === offerId &&
    isoDateFromRow(stored.used_on) === use.usedOn &&
    Number(stored.places) === use.places &&
    Number(stored.children_count) === use.children &&
    (stored.group_size === null ? null : Number(stored.group_size)) === groupSize &&
    stored.status === use.status
  )
}

/** How many cards' types an import keeps at most between batches. */
const CARD_TYPES_REMEMBERED = 20_000

async function loadCardTypes(
  codes: string[],
  client: QueryClientContract,
  context: UseImportContext
) {
  const unknown = [...new Set(codes)].filter((code) => !context.cardTypes.has(code))
  if (!unknown.length) return
  // A few batches' cards are enough to remember: memory stays flat however many cards there are.
  if (context.cardTypes.size > CARD_TYPES_REMEMBERED) context.cardTypes.clear()
  for (const [code, type] of await cardTypesOf(unknown, client)) context.cardTypes.set(code, type)
}

/** Where the offers of venues without a municipality are placed: their area's first, or any. */
async function fallbackMunicipalities(venues: ImportVenue[], areaOf: Map<number, number | null>) {
  const fallback = new Map<number, number>()
  const homeless = venues.filter((venue) => venue.municipalityId === null)
  if (!homeless.length) return fallback
  const [anywhere] = await municipalityChoices()
  for (const venue of homeless) {
    const areaId = areaOf.get(venue.id)
    const [inArea] = areaId ? await municipalityIdsOfArea(areaId) : []
    const municipalityId = inArea ?? anywhere?.id
    if (municipalityId !== undefined) fallback.set(venue.id, municipalityId)
  }
  return fallback
}

export const useImport: ImportKind<ImportedUse, UseImportContext> = {
  name: 'uses',
  required: ['id', 'card_code', 'venue', 'event', 'event_date', 'places', 'children', 'status'],
  optional: [],
  guardsIdentity: true,
  codeColumns: ['card_code'],

  async prepare(client) {
    const rows = await client
      .from('organisations')
      .whereNotNull('source_id')
      .select('id', 'source_id', 'type', 'municipality_id', 'area_id')
    const venues = new Map<string, ImportVenue>()
    const venuesById = new Map<number, ImportVenue>()
    const areaOf = new Map<number, number | null>()
    for (const row of rows) {
      const venue = {
        id: Number(row.id),
        type: String(row.type),
        municipalityId: row.municipality_id === null ? null : Number(row.municipality_id),
      }
      venues.set(String(row.source_id), venue)
      venuesById.set(venue.id, venue)
      areaOf.set(venue.id, row.area_id === null ? null : Number(row.area_id))
    }
    const asVenues = [...venuesById.values()].filter((venue) => VENUE_TYPES.includes(venue.type))
    return {
      venues,
      venuesById,
      fallbackMunicipality: await fallbackMunicipalities(asVenues, areaOf),
      offers: await HistoricalOffers.load(client),
      cardTypes: new Map(),
    }
  },

  parse(line, context): ParsedLine<ImportedUse> {
    const problems: ImportProblem[] = []
    const refuse = (column: string, reason: string, params?: ImportProblem['params']) => {
      problems.push({ column, reason: `use_${reason}`, ...(params ? { params } : {}) })
    }
    const value = (column: string) => (line.values[column] ?? '').trim()
    const present = (column: string) => {
      if (value(column) === '') refuse(column, 'missing')
      return value(column) !== ''
    }

    const sourceId = value('id')
    if (present('id') && sourceId.length > SOURCE_ID_MAX_LENGTH) {
      refuse('id', 'too_long', { max: SOURCE_ID_MAX_LENGTH })
    }
    const cardCode = importedCode(value('card_code'))
    if (cardCode === '') refuse('card_code', 'missing')

    let venueId = 0
    if (present('venue')) {
      const venue = context.venues.get(value('venue'))
      if (!venue) refuse('venue', 'unknown_venue', { value: value('venue') })
      else if (!VENUE_TYPES.includes(venue.type)) refuse('venue', 'not_a_venue')
      else venueId = venue.id
    }

    const event = historicalTitle(value('event'))
    if (present('event') && event.length > HISTORICAL_TITLE_MAX_LENGTH) {
      refuse('event', 'too_long', { max: HISTORICAL_TITLE_MAX_LENGTH })
    }

    const usedOn = parseImportDate(value('event_date'))
    if (present('event_date') && !usedOn) {
      refuse('event_date', 'bad_date', { value: value('event_date') })
    }

    const places = wholeNumber(value('places'))
    const placesOk = places !== null && places >= 1 && places <= MAX_PLACES
    if (present('places') && !placesOk) {
      refuse('places', 'bad_places', { min: 1, max: MAX_PLACES })
    }
    const children = value('children') === '' ? 0 : wholeNumber(value('children'))
    const maxChildren = (placesOk ? places : MAX_PLACES) - 1
    if (children === null || children > maxChildren) {
      refuse('children', 'bad_children', { min: 0, max: maxChildren })
    }

    const status = STATUS_WORDS.get(
      value('status')
        .toLocaleLowerCase('fi')
        .replace(/[\s_-]+/g, '_')
    )
    if (present('status') && !status) refuse('status', 'bad_status', { value: value('status') })

    if (problems.length) return { problems }
    return {
      row: {
        sourceId,
        cardCode,
        venueId,
        event,
        usedOn: usedOn!,
        places: places!,
        children: children!,
        status: status!,
      },
    }
  },

  uniqueKeys(row) {
    return { id: row.sourceId }
  },

  async classify(rows, client, context) {
    await loadCardTypes(
      rows.map((row) => row.cardCode),
      client,
      context
    )
    const stored = await storedUses(
      rows.map((row) => row.sourceId),
      client
    )
    return rows.map((row) => {
      const type = context.cardTypes.get(row.cardCode)
      if (!type) {
        return { column: 'card_code', reason: 'use_unknown_card', params: { value: row.cardCode } }
      }
      const before = stored.get(row.sourceId)
      if (!before) return 'add'
      const offerId = context.offers.idOf(row.venueId, row.event)
      return unchanged(before, row, type, offerId) ? 'skip' : 'update'
    })
  },

  async write(rows, trx, context) {
    await loadCardTypes(
      rows.map(({ row }) => row.cardCode),
      trx,
      context
    )
    const now = toSqlDateTime(DateTime.now())
    const added: Record<string, unknown>[] = []
    for (const { row, outcome } of rows) {
      const venue = context.venuesById.get(row.venueId)!
      const municipalityId = venue.municipalityId ?? context.fallbackMunicipality.get(venue.id)
      if (municipalityId === undefined)
        throw new Error('uses import: the register has no municipality')
      const offerId = await context.offers.offerFor(
        { id: venue.id, municipalityId },
        row.event,
        trx
      )
      const type = context.cardTypes.get(row.cardCode)
      if (!type) throw new Error(`uses import: card ${row.cardCode} is not in the register`)
      const columns = {
        card_code: row.cardCode,
        organisation_id: row.venueId,
        offer_id: offerId,
        used_on: row.usedOn,
        places: row.places,
        children_count: row.children,
        group_size: groupSizeOf(type, row.places),
        status: row.status,
        registered_by_organisation_id: row.venueId,
        cancelled_by: row.status === 'cancelled' ? 'venue' : null,
        updated_at: now,
      }
      if (outcome === 'update') {
        await trx.from('uses').where('source_id', row.sourceId).update(columns)
        continue
      }
      added.push({
        ...columns,
        occurrence_id: null,
        amount_cents: null,
        registered_by_user_id: null,
        cancelled_at: null,
        seen_at: null,
        submission_key: submissionKeyOf(row.sourceId),
        source_id: row.sourceId,
        created_at: now,
      })
    }
    for (let start = 0; start < added.length; start += ROWS_PER_INSERT) {
      await trx
        .insertQuery()
        .table('uses')
        .multiInsert(added.slice(start, start + ROWS_PER_INSERT))
    }
  },
}
