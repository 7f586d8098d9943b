import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RawQuery } from '@adonisjs/lucid/types/querybuilder'
import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'

/*
| Parts of two models read in one statement, for hot paths: a join selects
| the attributes each caller reads, under a prefix of the model's own
| (`columnsAs`), and `plainFrom` makes a plain object of them, each value
| consumed as the model's column consumes it (dates as luxon, booleans).
| Making Lucid models from rows, and reading every column of them (an
| offer's texts in three languages among them), showed in the box office's
| profile; so did knex quoting every alias on every request, so the select
| list is written once per engine.
*/

type Attribute<Model extends LucidModel> = keyof InstanceType<Model> & string

const selectLists = new Map<string, string>()

/** The attributes' columns, selected as `<prefix><column>`, quoted as the client's engine quotes. */
export function columnsAs<Model extends LucidModel>(
  model: Model,
  attributes: readonly Attribute<Model>[],
  prefix: string,
  client: QueryClientContract
): RawQuery {
  const key = `${client.dialect.name} ${model.table} ${prefix} ${attributes.join()}`
  let list = selectLists.get(key)
  if (!list) {
    const aliased = attributes.map((attribute) => {
      const column = model.$getColumn(attribute)!.columnName
      return `${model.table}.${column} as ${prefix}${column}`
    })
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

/** The attributes from the row's columns that carry the prefix, consumed as the model does. */
export function plainFrom<Model extends LucidModel, Name extends Attribute<Model>>(
  model: Model,
  attributes: readonly Name[],
  row: Record<string, unknown>,
  prefix: string
): Pick<InstanceType<Model>, Name> {
  const plain: Record<string, unknown> = {}
  for (const attribute of attributes) {
    const { columnName, consume } = model.$getColumn(attribute)!
    const value = row[prefix + columnName]
    // Lucid's consumers take the model instance only to name it in an error.
    plain[attribute] = consume
      ? consume(value, attribute, { constructor: model } as unknown as LucidRow)
      : value
  }
  return plain as Pick<InstanceType<Model>, Name>
}
