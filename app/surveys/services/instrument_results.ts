import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { INSTRUMENT_IDS, INSTRUMENTS, type InstrumentId } from '#surveys/services/instruments'
import privacyConfig from '#config/privacy'
import { isoDateFromRow, ZONE } from '#core/services/time'

/*
| Results of the validated instruments for coordinators and the national
| centre: per instrument, area and year the number of answers, the mean
| score and its distribution, the mean of each item, and the change from a
| card's first answer to its latest (paired: the same card answered twice,
| as at issue and renewal). Any group of fewer than five is left out.
*/
export type ResultFilter = { year: number; areaId: number | null }

const round1 = (value: number) => Math.round(value * 10) / 10

/** The score bands (0–100) a multi-item instrument's distribution is shown in; the lower end belongs to the band. */
const BANDS = [
  { band: 'under_25', from: 0, to: 25 },
  { band: '25_to_50', from: 25, to: 50 },
  { band: '50_to_75', from: 50, to: 75 },
  { band: '75_to_100', from: 75, to: Number.POSITIVE_INFINITY },
] as const

/** The answers, of one area's cards (by the issuing organisation's area) or of every card. */
function responses(filter: ResultFilter) {
  const query = db.from('wellbeing_responses')
  if (filter.areaId !== null) withArea(query).where('organisations.area_id', filter.areaId)
  return query
}

function withArea<Q extends ReturnType<typeof db.from>>(query: Q) {
  return query
    .join('cards', 'cards.id', 'wellbeing_responses.card_id')
    .join('organisations', 'organisations.id', 'cards.issuing_organisation_id')
}

function inYear<Q extends ReturnType<typeof db.from>>(query: Q, year: number) {
  const start = DateTime.fromObject({ year }, { zone: ZONE })
  return query
    .where('wellbeing_responses.answered_on', '>=', start.toISODate()!)
    .where('wellbeing_responses.answered_on', '<', start.plus({ years: 1 }).toISODate()!)
}

const MULTI_ITEM = INSTRUMENT_IDS.filter((id) => INSTRUMENTS[id].items.length > 1)

export async function instrumentResults(filter: ResultFilter) {
  const [scores, items, byArea, pairs] = await Promise.all([
    inYear(responses(filter), filter.year)
      .groupBy('wellbeing_responses.instrument', 'wellbeing_responses.raw_score')
      .select('wellbeing_responses.instrument', 'wellbeing_responses.raw_score')
      .count('* as total'),
    // Statement means: only an instrument of several statements has them.
    inYear(responses(filter), filter.year)
      .whereIn('wellbeing_responses.instrument', MULTI_ITEM)
      .join('wellbeing_items', 'wellbeing_items.response_id', 'wellbeing_responses.id')
      .groupBy('wellbeing_responses.instrument', 'wellbeing_items.item')
      .select('wellbeing_responses.instrument', 'wellbeing_items.item')
      .avg('wellbeing_items.value as mean'),
    // The table by area is the national view's only.
    filter.areaId === null
      ? withArea(inYear(db.from('wellbeing_responses'), filter.year))
          .join('areas', 'areas.id', 'organisations.area_id')
          .groupBy('wellbeing_responses.instrument', 'areas.id', 'areas.name')
          .select(
            'wellbeing_responses.instrument',
            'areas.id as area_id',
            'areas.name as area_name'
          )
          .count('* as total')
          .avg('wellbeing_responses.raw_score as mean_raw')
      : [],
    pairedChanges(filter),
  ])

  return INSTRUMENT_IDS.map((id) => {
    const instrument = INSTRUMENTS[id]
    const own = scores.filter((row) => row.instrument === id)
    const answers = own.reduce((sum, row) => sum + Number(row.total), 0)
    const suppressed = answers < privacyConfig.smallestShown
    const rawSum = own.reduce((sum, row) => sum + Number(row.raw_score) * Number(row.total), 0)
    const scoreOf = (raw: number) => instrument.score.of(raw)
    const single = instrument.items.length === 1
    const distribution = suppressed
      ? []
      : single
        ? Array.from({ length: instrument.scale.max - instrument.scale.min + 1 }, (_, index) => {
            const value = instrument.scale.min + index
            const count = own
              .filter((row) => Number(row.raw_score) === value)
              .reduce((n, r) => n + Number(r.total), 0)
            return { label: String(value), count }
          })
        : BANDS.map(({ band, from, to }) => ({
            label: band,
            count: own
              .filter(
                (row) =>
                  scoreOf(Number(row.raw_score)) >= from && scoreOf(Number(row.raw_score)) < to
              )
              .reduce((n, r) => n + Number(r.total), 0),
          }))
    return {
      id,
      instrument,
      answers,
      suppressed,
      mean: suppressed ? null : round1(scoreOf(rawSum / answers)),
      distribution,
      banded: !single,
      items:
        suppressed || single
          ? []
          : items
              .filter((row) => row.instrument === id)
              .sort((a, b) => Number(a.item) - Number(b.item))
              .map((row) => ({ item: Number(row.item), mean: round1(Number(row.mean)) })),
      areas: byArea
        .filter((row) => row.instrument === id)
        .map((row) => {
          const total = Number(row.total)
          return {
            areaId: Number(row.area_id),
            name: String(row.area_name),
            answers: total,
            mean:
              total < privacyConfig.smallestShown ? null : round1(scoreOf(Number(row.mean_raw))),
          }
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'fi')),
      paired: pairs.get(id) ?? { pairs: 0, before: null, after: null, change: null },
    }
  })
}

/**
 * For each instrument, the cards whose latest answer came in the year and
 * who had answered before: the mean score at their first answer, at the
 * latest, and the mean change; null when fewer than five cards. Window
 * functions find each card's first and latest answer in the database
 * (MariaDB 10.2+, MySQL 8, SQLite 3.25+).
 */
async function pairedChanges(filter: ResultFilter) {
  const start = DateTime.fromObject({ year: filter.year }, { zone: ZONE })
  const order = 'PARTITION BY r.instrument, r.card_id ORDER BY r.answered_on, r.id'
  const rows = await db.connection('registry').rawQuery(
    `SELECT instrument, COUNT(*) AS pairs, AVG(first_raw) AS before_raw, AVG(raw_score) AS after_raw
       FROM (
         SELECT r.instrument, r.raw_score, r.answered_on,
                FIRST_VALUE(r.raw_score) OVER (${order}) AS first_raw,
                FIRST_VALUE(r.answered_on) OVER (${order}) AS first_on,
                ROW_NUMBER() OVER (PARTITION BY r.instrument, r.card_id ORDER BY r.answered_on DESC, r.id DESC) AS from_last
           FROM wellbeing_responses r
           JOIN cards c ON c.id = r.card_id
           JOIN organisations o ON o.id = c.issuing_organisation_id
          ${filter.areaId === null ? '' : 'WHERE o.area_id = ?'}
       ) answers
      WHERE from_last = 1 AND answered_on >= ? AND answered_on < ? AND first_on < answered_on
      GROUP BY instrument`,
    [
      ...(filter.areaId === null ? [] : [filter.areaId]),
      start.toISODate()!,
      start.plus({ years: 1 }).toISODate()!,
    ]
  )
  // mysql2 answers [rows, fields]; better-sqlite3 the rows.
  const found: { instrument: string; pairs: number; before_raw: number; after_raw: number }[] =
    Array.isArray(rows[0]) ? rows[0] : rows
  const result = new Map<InstrumentId, PairedChange>()
  for (const id of INSTRUMENT_IDS) {
    const row = found.find((candidate) => candidate.instrument === id)
    const pairs = Number(row?.pairs ?? 0)
    if (!row || pairs < privacyConfig.smallestShown) {
      result.set(id, { pairs, before: null, after: null, change: null })
      continue
    }
    const score = INSTRUMENTS[id].score.of
    const before = score(Number(row.before_raw))
    const after = score(Number(row.after_raw))
    result.set(id, {
      pairs,
      before: round1(before),
      after: round1(after),
      change: round1(after - before),
    })
  }
  return result
}

type PairedChange = {
  pairs: number
  before: number | null
  after: number | null
  change: number | null
}

/** The years that have answers, newest first (this year at least). */
export async function resultYears() {
  const [row] = await db.from('wellbeing_responses').min('answered_on as first')
  const thisYear = DateTime.now().setZone(ZONE).year
  const first = isoDateFromRow(row?.first)
  const firstYear = first ? Number(first.slice(0, 4)) : thisYear
  return Array.from(
    { length: Math.max(thisYear - firstYear + 1, 1) },
    (_, index) => thisYear - index
  )
}
