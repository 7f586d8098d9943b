import db from '@adonisjs/lucid/services/db'
import statisticsConfig from '#config/statistics'

/*
| SQL fragments the statistics write the same way on both engines: parts of
| a date, and the grouping of a card's background data. The summary tables
| store the groups these give, so the pages never parse raw values.
*/
const isMysql = () => db.connection('registry').dialect.name === 'mysql'

export function yearOf(column: string) {
  return isMysql() ? `YEAR(${column})` : `CAST(strftime('%Y', ${column}) AS INTEGER)`
}

export function monthOf(column: string) {
  return isMysql() ? `MONTH(${column})` : `CAST(strftime('%m', ${column}) AS INTEGER)`
}

/** yyyymm as a number, for comparing months. */
export function yearMonthOf(column: string) {
  return `(${yearOf(column)} * 100 + ${monthOf(column)})`
}

export function concat(...parts: string[]) {
  return isMysql() ? `CONCAT(${parts.join(', ')})` : parts.join(' || ')
}

/** The age group (config/statistics.ts) of the age the holder turns in the issue year. */
export function ageBandOf(card: string) {
  const age = `(${yearOf(`${card}.issued_on`)} - ${card}.birth_year)`
  const bands = statisticsConfig.ageBands
  const cases = bands
    .slice(0, -1)
    .map((band) => `WHEN ${age} <= ${Number(band.to)} THEN '${band.key}'`)
    .join(' ')
  return `CASE WHEN ${card}.birth_year IS NULL THEN 'unknown' ${cases} ELSE '${bands.at(-1)!.key}' END`
}

export function genderOf(card: string) {
  return `COALESCE(${card}.gender, 'not_given')`
}

export function lifeSituationOf(card: string) {
  return `COALESCE(${card}.life_situation, 'unknown')`
}

/** The first mother tongue given: Finnish, Swedish, Sámi, other, or not given. */
export function motherTongueOf(card: string) {
  const tongues = `${card}.mother_tongues`
  const first = (code: string) => `(${tongues} = '${code}' OR ${tongues} LIKE '${code},%')`
  return `CASE WHEN ${tongues} IS NULL OR ${tongues} = '' THEN 'unknown'
    WHEN ${first('fi')} THEN 'fi' WHEN ${first('sv')} THEN 'sv'
    WHEN ${first('se')} OR ${first('smn')} OR ${first('sms')} THEN 'se' ELSE 'other' END`
}

/** The groups a background dimension can take, in the order the tables list them. */
export const BACKGROUND_VALUES = {
  age: [...statisticsConfig.ageBands.map((band) => band.key), 'unknown'],
  gender: ['woman', 'man', 'other', 'not_given'],
  mother_tongue: ['fi', 'sv', 'se', 'other', 'unknown'],
  life_situation: ['employed', 'unemployed', 'student', 'retired', 'other', 'unknown'],
} as const

export type BackgroundDimension = keyof typeof BACKGROUND_VALUES

/** `a = b` that also holds when both are NULL (an organisation without an area). */
export function sameValue(a: string, b: string) {
  return isMysql() ? `${a} <=> ${b}` : `${a} IS ${b}`
}
