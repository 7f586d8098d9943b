import type { LucidModel, LucidRow, ModelAdapterOptions } from '@adonisjs/lucid/types/model'

/*
| Two models read in one statement: a join selects each model's columns
| under a prefix of its own (`columnsAs`), and `modelFrom` makes the model
| from its part of the row, as Lucid makes it from a query of its own (dates
| consumed, persisted). For hot paths where a preload's second round trip
| shows in the profile.
*/

/** Every column of the model's table, selected as `<prefix><column>`. */
export function columnsAs(model: LucidModel, prefix: string): string[] {
  return [...model.$columnsDefinitions.values()].map(
    ({ columnName }) => `${model.table}.${columnName} as ${prefix}${columnName}`
  )
}

/** The model made from the row's columns that carry the prefix. */
export function modelFrom<Model extends LucidModel>(
  model: Model,
  row: Record<string, unknown>,
  prefix: string,
  options?: ModelAdapterOptions
): InstanceType<Model> {
  const own: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith(prefix)) own[key.slice(prefix.length)] = value
  }
  return model.$createFromAdapterResult(own, undefined, options) as LucidRow as InstanceType<Model>
}
