import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { CODE_PREFIX, EMAIL_DOMAIN, NAME_PREFIX, type Counts, type Run } from './plan.js'
import { Progress } from './progress.js'

/** Connections removing a data set at once (MySQL/MariaDB). */
const DELETE_LANES = 4

async function idsOf(query: DatabaseQueryBuilderContract): Promise<number[]> {
  const rows = await query
  return rows.map((row) => Number(row.id))
}

/*
| --clean: removes the data set in foreign key order and in slices of ids, so that no
| statement runs for long: uses, cards (their history and answers go with
| them), shows, offers, the users, the organisations. Rows that point at
| them from elsewhere (posts, replies, partner answers) go first.
| Returns false when there was none.
*/
export async function clean(run: Pick<Run, 'mysql' | 'log'>, registry: QueryClientContract) {
  const organisationIds = await idsOf(
    registry.from('organisations').where('name', 'like', `${NAME_PREFIX}%`).select('id')
  )
  const userIds = await idsOf(
    registry
      .from('users')
      .where('email', 'like', `bench.%${EMAIL_DOMAIN}`)
      .orWhereIn('organisation_id', organisationIds)
      .select('id')
  )
  if (!organisationIds.length && !userIds.length) {
    run.log('No generated data set to remove')
    return false
  }
  const offerIds = await idsOf(
    registry.from('offers').whereIn('organisation_id', organisationIds).select('id')
  )
  const removed: Counts = {}
  /*
  | A big table in slices of ids; on MySQL/MariaDB several connections at
  | once, each on its own part of the ids.
  */
  const inSlices = async (
    table: string,
    condition: (query: DatabaseQueryBuilderContract) => void,
    step: number
  ) => {
    const bounds = await registry.from(table).min('id as low').max('id as high').first()
    const low = Number(bounds?.low ?? 0)
    const end = Number(bounds?.high ?? -1) + 1
    const progress = new Progress(`removing ${table} (ids checked)`, end - low, run.log)
    const lanes = run.mysql ? DELETE_LANES : 1
    const part = Math.ceil((end - low) / lanes / step) * step
    let count = 0
    let checked = 0
    const lane = async (first: number, last: number) => {
      for (let from = first; from < last; from += step) {
        const query = registry
          .from(table)
          .where('id', '>=', from)
          .where('id', '<', Math.min(from + step, last))
        condition(query)
        const deleted = Number(await query.delete())
        count += deleted
        checked += Math.min(step, last - from)
        progress.update(checked)
      }
    }
    await Promise.all(
      Array.from({ length: lanes }, (_, index) =>
        lane(low + index * part, Math.min(low + (index + 1) * part, end))
      )
    )
    removed[table] = (removed[table] ?? 0) + count
  }
  const inLists = async (table: string, column: string, ids: number[]) => {
    let count = 0
    for (let start = 0; start < ids.length; start += 500) {
      count += Number(
        await registry
          .from(table)
          .whereIn(column, ids.slice(start, start + 500))
          .delete()
      )
    }
    removed[table] = (removed[table] ?? 0) + count
  }

  await inSlices(
    'uses',
    (query) =>
      query.where((inner) =>
        inner
          .whereIn('organisation_id', organisationIds)
          .orWhereIn('registered_by_organisation_id', organisationIds)
      ),
    50_000
  )
  // The data set's cards used elsewhere since (by hand in the app): by the code prefix.
  const prefixed = await registry
    .from('uses')
    .where('card_code', 'like', `${CODE_PREFIX}%`)
    .select('id', 'card_code')
  const ours = new Set<string>()
  const codes = [...new Set(prefixed.map((row) => String(row.card_code)))]
  for (let start = 0; start < codes.length; start += 500) {
    const rows = await registry
      .from('cards')
      .whereIn('code', codes.slice(start, start + 500))
      .whereIn('issuing_organisation_id', organisationIds)
      .select('code')
    for (const row of rows) ours.add(String(row.code))
  }
  await inLists(
    'uses',
    'id',
    prefixed.filter((row) => ours.has(String(row.card_code))).map((row) => Number(row.id))
  )
  await inSlices(
    'cards',
    (query) => query.whereIn('issuing_organisation_id', organisationIds),
    20_000
  )
  await inLists('card_events', 'organisation_id', organisationIds)
  await inLists('posts', 'offer_id', offerIds)
  await inLists('posts', 'author_organisation_id', organisationIds)
  await inLists('posts', 'audience_organisation_id', organisationIds)
  await inLists('post_replies', 'author_organisation_id', organisationIds)
  await inLists('survey_responses', 'organisation_id', organisationIds)
  for (let start = 0; start < offerIds.length; start += 100) {
    await inLists('occurrences', 'offer_id', offerIds.slice(start, start + 100))
  }
  await inLists('venue_rules', 'organisation_id', organisationIds)
  await inLists('offers', 'id', offerIds)
  await inLists('users', 'id', userIds)
  await inLists('organisations', 'id', organisationIds)

  run.log('Rows removed:')
  for (const [table, count] of Object.entries(removed)) {
    if (count) run.log(`  ${table.padEnd(20)} ${count.toLocaleString('en').padStart(12)}`)
  }
  return true
}
