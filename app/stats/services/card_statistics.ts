import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import {
  count,
  monthsOf,
  rateOf,
  registry,
  statTable,
  type StatContext,
  type StatScope,
} from '#stats/services/statistic_context'

/*
| Statistics of cards (by the distributor that issued them), from the card
| summary tables. "Registered" is a card issued in the period; "used", a card
| with at least one use that stands (not cancelled, not a no-show), at any
| time; the usage rate is used ÷ registered.
*/

/** Limits a card summary to the scope: one distributor, one area, or all. */
export function cardScope(query: DatabaseQueryBuilderContract, scope: StatScope, prefix = '') {
  if (scope.organisationId) query.where(`${prefix}organisation_id`, scope.organisationId)
  else if (scope.areaId) query.where(`${prefix}area_id`, scope.areaId)
  return query
}

/**
 * An area's or the country's cards by year (a few rows a year), with the old
 * register's yearly totals (summary_tables.ts): `used_unknown` counts rows
 * whose used cards the totals do not tell, `with_totals` those from totals.
 */
function areaCardYears(scope: StatScope) {
  const query = registry()
    .from('stat_area_card_years')
    .select(
      registry().raw('SUM(CASE WHEN used_known = 1 THEN 0 ELSE 1 END) AS used_unknown'),
      registry().raw('SUM(CASE WHEN from_totals = 1 THEN 1 ELSE 0 END) AS with_totals')
    )
  if (scope.areaId) query.where('area_id', scope.areaId)
  return query
}

/** Registered, used (null when the totals of the year do not tell), unused and the usage rate. */
function cardCells(row: Record<string, unknown> | null | undefined) {
  const registered = count(row?.registered)
  const used = count(row?.used_unknown) > 0 ? null : count(row?.used)
  return {
    registered,
    used,
    unused: used === null ? null : registered - used,
    usage_rate: used === null ? null : rateOf(used, registered),
  }
}

export async function cardsPerYear(context: StatContext) {
  const { scope } = context
  const summary = scope.organisationId
    ? cardScope(registry().from('stat_card_months'), scope)
    : areaCardYears(scope)
  const rows = await summary
    .where('year', '<=', context.filters.year)
    .select('year')
    .sum('registered as registered')
    .sum('used as used')
    .groupBy('year')
    .orderBy('year')
  const withTotals = rows.some((row) => count(row.with_totals) > 0)
  return statTable(
    context,
    'cards_per_year',
    [
      ['year', 'label'],
      ['registered', 'count'],
      ['used', 'count'],
      ['unused', 'count'],
      ['usage_rate', 'percent'],
    ],
    rows.map((row) => ({ year: String(row.year), ...cardCells(row) })),
    { kind: 'bar', labelColumn: 'year', series: ['registered', 'used'] },
    withTotals
      ? {
          definition: `${context.t('stats.cards_per_year.definition')} ${context.t('stats.history_totals.cards_per_year')}`,
        }
      : {}
  )
}

/**
 * Cards registered in the chosen period: registered, used, unused, usage
 * rate. An area's or the country's whole year comes from the yearly table,
 * so it counts the old register's yearly totals as the yearly series does;
 * a quarter, or one distributor, cannot have them.
 */
export async function cardsInPeriod(context: StatContext) {
  const { scope, filters } = context
  const row =
    !scope.organisationId && !filters.quarter
      ? await areaCardYears(scope)
          .where('year', filters.year)
          .sum('registered as registered')
          .sum('used as used')
          .first()
      : await cardScope(registry().from('stat_card_months'), scope)
          .where('year', filters.year)
          .whereIn('month', monthsOf(filters))
          .sum('registered as registered')
          .sum('used as used')
          .first()
  const cells = cardCells(row)
  return {
    registered: cells.registered,
    used: cells.used,
    unused: cells.unused,
    usageRate: cells.usage_rate,
  }
}

export async function validityNow(context: StatContext) {
  const row = await cardScope(registry().from('stat_card_months'), context.scope)
    .sum('registered as registered')
    .sum('valid_now as valid')
    .first()
  const valid = count(row?.valid)
  const registered = count(row?.registered)
  return statTable(
    context,
    'validity_now',
    [
      ['status', 'label'],
      ['cards', 'count'],
    ],
    [
      { status: context.t('stats.value.validity.valid'), cards: valid },
      { status: context.t('stats.value.validity.expired'), cards: registered - valid },
    ],
    { kind: 'bar', labelColumn: 'status', series: ['cards'] }
  )
}

/** Registered in each month, and valid at some time in it. */
export async function cardsPerMonth(context: StatContext) {
  const { year } = context.filters
  const months = monthsOf(context.filters)
  const first = year * 100 + months[0]
  const last = year * 100 + months.at(-1)!
  const [registered, validity] = await Promise.all([
    cardScope(registry().from('stat_card_months'), context.scope)
      .where('year', year)
      .whereIn('month', months)
      .select('month')
      .sum('registered as registered')
      .groupBy('month'),
    cardScope(registry().from('stat_card_validity'), context.scope)
      .where('until_month', '>=', first)
      .where('issued_month', '<=', last)
      .select('issued_month', 'until_month')
      .sum('cards as cards')
      .groupBy('issued_month', 'until_month'),
  ])
  return statTable(
    context,
    'cards_per_month',
    [
      ['month', 'label'],
      ['registered', 'count'],
      ['valid', 'count'],
    ],
    months.map((month) => {
      const yearMonth = year * 100 + month
      return {
        month: context.t(`stats.month.${month}`),
        registered: count(registered.find((row) => Number(row.month) === month)?.registered),
        valid: validity
          .filter(
            (row) => Number(row.issued_month) <= yearMonth && Number(row.until_month) >= yearMonth
          )
          .reduce((sum, row) => sum + count(row.cards), 0),
      }
    }),
    { kind: 'line', labelColumn: 'month', series: ['registered', 'valid'] }
  )
}

/** An area's distributors: cards registered in the period and in all years (no usage rate: that is each distributor's own). */
export async function cardsPerDistributor(context: StatContext) {
  const months = monthsOf(context.filters)
  const rows = await registry()
    .from('organisations as o')
    .leftJoin('stat_card_months as s', 's.organisation_id', 'o.id')
    .where('o.type', 'distributor')
    .where('o.area_id', context.scope.areaId!)
    .select('o.name')
    .select(
      registry().raw(
        `SUM(CASE WHEN s.year = ? AND s.month IN (${months.join(',')}) THEN s.registered ELSE 0 END) AS period`,
        [context.filters.year]
      )
    )
    .select(
      registry().raw('SUM(CASE WHEN s.year <= ? THEN s.registered ELSE 0 END) AS total', [
        context.filters.year,
      ])
    )
    .groupBy('o.id', 'o.name')
    .orderBy('period', 'desc')
    .orderBy('o.name')
  return statTable(
    context,
    'cards_per_distributor',
    [
      ['distributor', 'label'],
      ['registered', 'count'],
      ['registered_all_years', 'count'],
    ],
    rows.map((row) => ({
      distributor: row.name,
      registered: count(row.period),
      registered_all_years: count(row.total),
    })),
    { kind: 'bar', labelColumn: 'distributor', series: ['registered'] }
  )
}
