import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| The old register's own id of an imported use (issue 20, module `usage`).
| The import finds the use it made by this id, so the same file run again
| changes nothing; uses registered in Kaikukanta itself have none.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('uses', (table) => {
      table.string('source_id', 64).nullable().unique()
    })
  }

  async down() {
    this.schema.alterTable('uses', (table) => {
      table.dropUnique(['source_id'])
      table.dropColumn('source_id')
    })
  }
}
