import { hideSmallCounts } from '#stats/services/small_numbers'
import { BACKGROUND_VALUES, type BackgroundDimension } from '#stats/services/sql_parts'
import { isHidden, type CellValue } from '#stats/services/stat_table'
import { cardScope } from '#stats/services/card_statistics'
import {
  count,
  rateOf,
  registry,
  statTable,
  type StatContext,
} from '#stats/services/statistic_context'

/*
| Breakdowns by the background data given at issue: age group, gender,
| mother tongue, life situation. Always for a whole year (a quarter's counts
| beside the year's would let one subtract a hidden count out), and always
| through the small-number rule (small_numbers.ts).
*/

const valueLabel = (context: StatContext, dimension: string, value: string) =>
  context.t(`stats.value.${dimension}.${value}`)

/** Cards registered in the year by one background dimension: registered, used and the usage rate. */
export async function cardsByBackground(context: StatContext, dimension: BackgroundDimension) {
  const rows = await cardScope(registry().from('stat_card_backgrounds'), context.scope)
    .where('year', context.filters.year)
    .where('dimension', dimension)
    .select('value')
    .sum('registered as registered')
    .sum('used as used')
    .groupBy('value')
  const values = BACKGROUND_VALUES[dimension]
  const counts = values.map((value) => {
    const row = rows.find((candidate) => candidate.value === value)
    return [count(row?.registered), count(row?.used)]
  })
  const cells = hideSmallCounts(counts)
  return statTable(
    context,
    `cards_by_${dimension}`,
    [
      [dimension, 'label'],
      ['registered', 'count'],
      ['used', 'count'],
      ['usage_rate', 'percent'],
    ],
    values.map((value, index) => {
      const [registered, used] = cells[index]
      const rate: CellValue =
        isHidden(registered) || isHidden(used)
          ? { hidden: 'complement' }
          : rateOf(counts[index][1], counts[index][0])
      return {
        [dimension]: valueLabel(context, dimension, value),
        registered,
        used,
        usage_rate: rate,
      }
    }),
    { kind: 'bar', labelColumn: dimension, series: ['registered', 'used'] }
  )
}

/** The year's uses of an area's cards (or all) by one background dimension of the card. */
export async function usesByBackground(
  context: StatContext,
  dimension: Exclude<BackgroundDimension, 'age'>
) {
  const query = registry()
    .from('stat_use_backgrounds')
    .where('year', context.filters.year)
    .where('dimension', dimension)
  if (context.scope.areaId) query.where('card_area_id', context.scope.areaId)
  const rows = await query
    .select('value')
    .sum('places as places')
    .sum('registrations as registrations')
    .groupBy('value')
  const values = BACKGROUND_VALUES[dimension]
  const cells = hideSmallCounts(
    values.map((value) => {
      const row = rows.find((candidate) => candidate.value === value)
      return [count(row?.places), count(row?.registrations)]
    })
  )
  return statTable(
    context,
    `uses_by_${dimension}`,
    [
      [dimension, 'label'],
      ['places', 'count'],
      ['registrations', 'count'],
    ],
    values.map((value, index) => ({
      [dimension]: valueLabel(context, dimension, value),
      places: cells[index][0],
      registrations: cells[index][1],
    })),
    { kind: 'bar', labelColumn: dimension, series: ['places'] }
  )
}

/** Cards registered in the year by gender (rows) and age group (columns). */
export async function cardsByGenderAndAge(context: StatContext) {
  const rows = await cardScope(registry().from('stat_card_backgrounds'), context.scope)
    .where('year', context.filters.year)
    .where('dimension', 'gender_age')
    .select('value')
    .sum('registered as registered')
    .groupBy('value')
  const genders = BACKGROUND_VALUES.gender
  const ages = BACKGROUND_VALUES.age
  const cells = hideSmallCounts(
    genders.map((gender) =>
      ages.map((age) => count(rows.find((row) => row.value === `${gender}:${age}`)?.registered))
    ),
    { crossTable: true }
  )
  const table = statTable(
    context,
    'cards_by_gender_age',
    [['gender', 'label']],
    genders.map((gender, row) => ({
      gender: valueLabel(context, 'gender', gender),
      ...Object.fromEntries(ages.map((age, column) => [`age_${age}`, cells[row][column]])),
    })),
    { kind: 'bar', labelColumn: 'gender', series: ages.map((age) => `age_${age}`) }
  )
  table.columns.push(
    ...ages.map((age) => ({
      key: `age_${age}`,
      kind: 'count' as const,
      label: valueLabel(context, 'age', age),
    }))
  )
  return table
}
