import { type DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { errors } from '@adonisjs/lucid'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQuery } from '@adonisjs/lucid/types/querybuilder'
import Offer, { TYPES_WITH_OCCURRENCES } from '#offers/models/offer'
import Occurrence from '#offers/models/occurrence'
import VenueRule from '#offers/models/venue_rule'
import { venueRuleOf } from '#offers/services/offer_catalogue'
import { earliestShowDay } from '#offers/services/restrictions'
import { toSqlDateTime, today } from '#core/services/time'
import { columnsAs, plainFrom } from '#core/services/joined_models'

export type { default as Offer } from '#offers/models/offer'
export type { default as Occurrence } from '#offers/models/occurrence'

/*
| What the usage module may register a card for: an occurrence of a dated
| offer (performance, course) or an open offer on a day. Exposed as a
| service, so usage never reaches into the offers tables itself.
*/

/** Bookings ahead: bookings for the coming half year. */
export const REGISTER_AHEAD_DAYS = 183

/** What registering a card reads of an offer: the rules that apply to it. */
const OFFER_RULES = [
  'id',
  'organisationId',
  'type',
  'published',
  'childrenAllowed',
  'oncePerCard',
  'weekendsExcluded',
  'bookingOpensDays',
  'yearlyVisits',
  'yearlyEuroCap',
  'availableFrom',
  'availableUntil',
] as const
/** And of a show: when it is, its places and whether it is a gala or premiere. */
const SHOW_RULES = ['id', 'startsAt', 'capacity', 'cardCap', 'excludedKind'] as const

export type TargetOffer = Pick<Offer, (typeof OFFER_RULES)[number]>
export type TargetShow = Pick<Occurrence, (typeof SHOW_RULES)[number]>
/** An offer and, for a dated one, its show: models, or plain objects where a registration reads them. */
export type Target = { offer: TargetOffer; occurrence: TargetShow | null }

/** The column prefixes in the target's statement (`targetStatement`). */
const OFFER = 'offer__'
const OCCURRENCE = 'occurrence__'

/** A select value: `occurrence-12` or `offer-5` (an open offer). */
export function targetValue(target: { offerId: number; occurrenceId: number | null }) {
  return target.occurrenceId ? `occurrence-${target.occurrenceId}` : `offer-${target.offerId}`
}

/** A target found for a registration, with the venue's limit of open bookings (null: none). */
export type FoundTarget = Target & { maxOpenBookings: number | null }

/**
 * The target a select value names, if it belongs to one of the venues; else
 * null. One statement: the offer, the show and the venue's rule on open
 * bookings, with the same checks as the box office's lock (`lockChoice`).
 */
export async function findTarget(
  value: string,
  venueIds: number[],
  publishedOnly: boolean
): Promise<FoundTarget | null> {
  const client = db.connection('registry')
  return withChoice(value, async (choice) =>
    chosenTarget(await targetStatement(client, choice, [venueRuleColumn(client)], false), choice, {
      venueIds,
      publishedOnly,
    })
  )
}

/**
 * Locks the offer's row for the rest of the transaction (MySQL/MariaDB; on
 * SQLite a write transaction already runs alone). Every registration for the
 * offer and every change of a show's capacity or cap takes this lock first,
 * so counting places and inserting a use or saving a new cap cannot
 * interleave: the cap holds under load. Returns the offer as it is now.
 */
export async function lockOffer(offerId: number, trx: TransactionClientContract) {
  const query = Offer.query({ client: trx }).where('id', offerId)
  if (trx.dialect.name === 'mysql') query.forUpdate()
  return query.firstOrFail()
}

/** The offer's and the show's rules from a row of `targetStatement`. */
function targetFrom(row: Record<string, unknown>, dated: boolean): Target {
  return {
    offer: plainFrom(Offer, OFFER_RULES, row, OFFER),
    occurrence: dated ? plainFrom(Occurrence, SHOW_RULES, row, OCCURRENCE) : null,
  }
}

/**
 * The statement that reads a target and, with `lock`, takes the offer's
 * lock: the offer's row `FOR UPDATE` (MySQL/MariaDB; on SQLite a write
 * transaction already runs alone) and, for
 * a show, the show's row in a left join from it, so MariaDB reads and locks
 * the offer's row first and the show's next, the order in which a change of
 * capacity takes them: the two cannot deadlock. `also` are further values
 * read in the same statement, each `(subquery) as name`: plain reads of
 * other tables, which take no locks. Each must refer to the offer's or the
 * show's row (`offers.id`, `occurrences.id`): then it is evaluated once the
 * locked rows are read, and its snapshot (the transaction's) sees what the
 * lock's previous holder committed. A subquery that refers to neither is a
 * constant to MariaDB, evaluated before the lock is taken, and the counts
 * under the lock go stale: the race tests fail so.
 */
async function targetStatement(
  client: QueryClientContract,
  { offerId, occurrenceId }: Pick<Choice, 'offerId' | 'occurrenceId'>,
  also: RawQuery[],
  lock: boolean
): Promise<Record<string, unknown> | null> {
  const query = client
    .from('offers')
    .where('offers.id', offerId)
    .select(columnsAs(Offer, OFFER_RULES, OFFER, client), ...also)
  if (occurrenceId !== null) {
    query
      .leftJoin('occurrences', (on) =>
        on.on('occurrences.offer_id', 'offers.id').andOnVal('occurrences.id', occurrenceId)
      )
      .select(columnsAs(Occurrence, SHOW_RULES, OCCURRENCE, client))
  }
  if (lock && client.dialect.name === 'mysql') query.forUpdate()
  return (await query.first()) ?? null
}

/**
 * Takes the offer's lock and reads the target again under it, so a new cap
 * or rule saved since the target was found is the one applied.
 */
export async function lockTarget(target: Target, trx: TransactionClientContract): Promise<Target> {
  const dated = target.occurrence !== null
  const choice = { offerId: target.offer.id, occurrenceId: target.occurrence?.id ?? null }
  const row = await targetStatement(trx, choice, [], true)
  // Gone since it was found: as `findOrFail` answers.
  if (!row) throw new errors.E_ROW_NOT_FOUND(Offer)
  if (dated && row[`${OCCURRENCE}id`] === null) throw new errors.E_ROW_NOT_FOUND(Occurrence)
  return targetFrom(row, dated)
}

/** What a select value names: an offer and, for a dated one, its show. */
export type Choice = {
  offerId: number
  occurrenceId: number | null
  /** The show's offer came from memory (`choiceOf`). */
  remembered: boolean
}

/*
| Each show's offer, remembered: a show never moves to another offer, so a
| box office registering card after card for one show asks for it once.
| `lockChoice` checks the pair in its statement (the show joins only its own
| offer), so a show id that came to mean another show (the database emptied
| and filled again, as tests do) is found out and asked for again.
*/
const offerOfShow = new Map<number, number>()
const SHOWS_REMEMBERED = 10_000

/** The offer and show a select value names, the show's offer from memory unless `fresh`; null if none. */
async function choiceOf(value: string, fresh = false): Promise<Choice | null> {
  const match = /^(occurrence|offer)-(\d+)$/.exec(value)
  if (!match) return null
  const id = Number(match[2])
  if (match[1] === 'offer') return { offerId: id, occurrenceId: null, remembered: false }
  const remembered = fresh ? undefined : offerOfShow.get(id)
  if (remembered !== undefined) return { offerId: remembered, occurrenceId: id, remembered: true }
  const row = await db
    .connection('registry')
    .from('occurrences')
    .where('id', id)
    .select('offer_id')
    .first()
  if (!row) return null
  if (offerOfShow.size >= SHOWS_REMEMBERED) offerOfShow.clear()
  offerOfShow.set(id, Number(row.offer_id))
  return { offerId: Number(row.offer_id), occurrenceId: id, remembered: false }
}

/**
 * `attempt` with the choice a select value names, the show's offer from
 * memory; when that finds nothing, once more with the offer asked afresh,
 * in case memory was out of date (`chosenTarget` forgets such a show).
 */
export async function withChoice<Result>(
  value: string,
  attempt: (choice: Choice) => Promise<Result | null>
): Promise<Result | null> {
  const choice = await choiceOf(value)
  const result = choice ? await attempt(choice) : null
  if (result !== null || !choice?.remembered) return result
  const fresh = await choiceOf(value, true)
  return fresh ? attempt(fresh) : null
}

/** Whose targets a registration may name: the venues', and only published offers unless the venue's own staff. */
export type ChoiceScope = { venueIds: number[]; publishedOnly: boolean }

/** A chosen target: the rules, the venue's limit of open bookings, and the row for `also`'s values. */
export type ChosenTarget = FoundTarget & { row: Record<string, unknown> }

/** The venue's rule on open bookings, a value of the target's statement. */
const venueRuleColumn = (client: QueryClientContract) =>
  client.raw(
    `(SELECT max_open_bookings FROM venue_rules WHERE venue_rules.organisation_id = offers.organisation_id) as max_open_bookings`
  )

/**
 * The target from its statement's row, if the choice is the scope's to
 * register; null when it is another venue's, an unpublished offer for a
 * ticket agent, a show of another kind of offer, gone, or a show that is not
 * its offer's (memory out of date: it is forgotten, and `withChoice` asks
 * afresh).
 */
function chosenTarget(
  row: Record<string, unknown> | null,
  choice: Choice,
  scope: ChoiceScope
): ChosenTarget | null {
  if (!row) return null
  const dated = choice.occurrenceId !== null
  if (dated && row[`${OCCURRENCE}id`] === null) {
    offerOfShow.delete(choice.occurrenceId!)
    return null
  }
  const target = targetFrom(row, dated)
  const { offer } = target
  if (!scope.venueIds.includes(offer.organisationId)) return null
  if (scope.publishedOnly && !offer.published) return null
  if (TYPES_WITH_OCCURRENCES.includes(offer.type) !== dated) return null
  const limit = row.max_open_bookings
  return { ...target, maxOpenBookings: limit === null ? null : Number(limit), row }
}

/**
 * Takes the chosen offer's lock and reads, in the lock's one statement, the
 * offer's and the show's rules, the venue's limit of open bookings and the
 * caller's `also` (see `targetStatement`); null as `chosenTarget` says.
 */
export async function lockChoice(
  choice: Choice,
  scope: ChoiceScope,
  trx: TransactionClientContract,
  also: RawQuery[] = []
): Promise<ChosenTarget | null> {
  const row = await targetStatement(trx, choice, [venueRuleColumn(trx), ...also], true)
  return chosenTarget(row, choice, scope)
}

/** The venues that release bookings their holders left unconfirmed, with how many hours before the show. */
export async function unconfirmedReleaseHours(): Promise<Map<number, number>> {
  const rules = await VenueRule.query().whereNotNull('release_unconfirmed_hours')
  return new Map(rules.map((rule) => [rule.organisationId, rule.releaseUnconfirmedHours!]))
}

export async function maxOpenBookingsAt(venueId: number, trx?: TransactionClientContract) {
  const rule = await venueRuleOf(venueId, trx)
  return rule?.maxOpenBookings ?? null
}

/**
 * The choices for the registration form, today's occurrences first, then the
 * coming ones, then the past month's (registration afterwards), then the
 * open offers. Only published offers, except for the venue's own staff.
 */
export async function registrableTargets(venueIds: number[], publishedOnly: boolean) {
  if (!venueIds.length) return { today: [], coming: [], past: [], open: [] }
  const startOfToday = today()
  const endOfToday = startOfToday.endOf('day')
  const occurrences = await Occurrence.query()
    .whereHas('offer', (offer) => {
      offer.whereIn('organisation_id', venueIds)
      if (publishedOnly) offer.where('published', true)
    })
    .where('starts_at', '>=', toSqlDateTime(earliestShowDay(startOfToday)))
    .where('starts_at', '<=', toSqlDateTime(startOfToday.plus({ days: REGISTER_AHEAD_DAYS })))
    .preload('offer')
    // Shows at the same time in a stable order on every engine: the one added first first.
    .orderBy('starts_at')
    .orderBy('id')
  const open = await Offer.query()
    .whereIn('organisation_id', venueIds)
    .whereNotIn('type', TYPES_WITH_OCCURRENCES as string[])
    .where((period) =>
      period
        .whereNull('available_until')
        .orWhere('available_until', '>=', startOfToday.toISODate()!)
    )
    .if(publishedOnly, (query) => query.where('published', true))
    .orderBy('title')
  const isToday = (o: Occurrence) => o.startsAt >= startOfToday && o.startsAt <= endOfToday
  return {
    today: occurrences.filter(isToday),
    coming: occurrences.filter((o) => o.startsAt > endOfToday),
    past: occurrences.filter((o) => o.startsAt < startOfToday).reverse(),
    open,
  }
}

/** Whether an open offer runs on a day. */
export function openOfferRunsOn(
  offer: Pick<Offer, 'availableFrom' | 'availableUntil'>,
  day: DateTime
) {
  const date = day.toISODate()!
  if (offer.availableFrom && date < offer.availableFrom.toISODate()!) return false
  if (offer.availableUntil && date > offer.availableUntil.toISODate()!) return false
  return true
}

export async function occurrenceStart(occurrenceId: number) {
  const occurrence = await Occurrence.find(occurrenceId)
  return occurrence?.startsAt ?? null
}

/** Titles and start times for lists of uses (roster, inbox, history). */
export async function describeTargets(targets: { offerId: number; occurrenceId: number | null }[]) {
  const offerIds = [...new Set(targets.map((t) => t.offerId))]
  const occurrenceIds = [
    ...new Set(targets.flatMap((t) => (t.occurrenceId ? [t.occurrenceId] : []))),
  ]
  const [offers, occurrences] = await Promise.all([
    offerIds.length ? Offer.query().select('id', 'title', 'language').whereIn('id', offerIds) : [],
    occurrenceIds.length
      ? Occurrence.query().select('id', 'starts_at').whereIn('id', occurrenceIds)
      : [],
  ])
  return {
    titles: new Map(offers.map((offer) => [offer.id, offer.title])),
    /** The language each title is written in, for its lang attribute. */
    languages: new Map(offers.map((offer) => [offer.id, offer.language ?? 'fi'])),
    starts: new Map(occurrences.map((occurrence) => [occurrence.id, occurrence.startsAt])),
  }
}

/** A show as a registration target, whatever the venue (the waiting list answers for the holder). */
export async function occurrenceTarget(occurrenceId: number): Promise<Target | null> {
  const occurrence = await Occurrence.query().where('id', occurrenceId).preload('offer').first()
  return occurrence?.offer.hasOccurrences ? { offer: occurrence.offer, occurrence } : null
}
