import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| The old register's own id of an imported card (issue 20). The cards import
| finds the card it made by this id, so the same file run again changes
| nothing; a card issued in Kaikukanta has none. An id, never anything about
| the holder.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('cards', (table) => {
      table.string('source_id', 64).nullable().unique()
    })
  }

  async down() {
    this.schema.alterTable('cards', (table) => {
      table.dropUnique(['source_id'])
      table.dropColumn('source_id')
    })
  }
}
