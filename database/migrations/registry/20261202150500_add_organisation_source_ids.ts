import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| The old register's own id of an imported organisation and staff user
| (issue 20). An import finds the row it made by this id, so the same file
| run again changes nothing; rows made in Kaikukanta itself have none.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      table.string('source_id', 64).nullable().unique()
    })
    this.schema.alterTable('users', (table) => {
      table.string('source_id', 64).nullable().unique()
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropUnique(['source_id'])
      table.dropColumn('source_id')
    })
    this.schema.alterTable('organisations', (table) => {
      table.dropUnique(['source_id'])
      table.dropColumn('source_id')
    })
  }
}
