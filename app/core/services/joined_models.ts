import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RawQuery } from '@adonisjs/lucid/types/querybuilder'
import type { LucidModel, LucidRow, ModelAdapterOptions } from '@adonisjs/lucid/types/model'

/*
| Two models read in one statement: a join selects each model's columns
| under a prefix of its own (`columnsAs`), and `modelFrom` makes the model
| from its part of the row, as Lucid makes it from a query of its own (dates
| consumed, persisted). For hot paths where a preload's second round trip
| shows in the profile; the select list is written once per engine, and
| each model's columns are listed once, as knex quoting some eighty aliases
| on every request showed there too.
*/

const columnNames = new Map<LucidModel, string[]>()

function columnsOf(model: LucidModel) {
  let names = columnNames.get(model)
  if (!names) {
    names = [...model.$columnsDefinitions.values()].map(({ columnName }) => columnName)
    columnNames.set(model, names)
  }
  return names
}

const selectLists = new Map<string, string>()

/** Every column of the model's table, selected as `<prefix><column>`, quoted as the client's engine quotes. */
export function columnsAs(
  model: LucidModel,
  prefix: string,
  client: QueryClientContract
): RawQuery {
  const key = `${client.dialect.name} ${model.table} ${prefix}`
  let list = selectLists.get(key)
  if (!list) {
    const aliased = columnsOf(model).map(
      (column) => `${model.table}.${column} as ${prefix}${column}`
    )
    // knex's own quoting, once: the SQL of a select of these columns, without its "select ".
    list = client
      .knexQuery()
      .select(aliased)
      .toSQL()
      .sql.replace(/^select /, '')
    selectLists.set(key, list)
  }
  return client.raw(list)
}

/** The model made from the row's columns that carry the prefix. */
export function modelFrom<Model extends LucidModel>(
  model: Model,
  row: Record<string, unknown>,
  prefix: string,
  options?: ModelAdapterOptions
): InstanceType<Model> {
  const own: Record<string, unknown> = {}
  for (const column of columnsOf(model)) own[column] = row[prefix + column]
  return model.$createFromAdapterResult(own, undefined, options) as LucidRow as InstanceType<Model>
}
