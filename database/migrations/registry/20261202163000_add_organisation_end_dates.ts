import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| A partner that does not continue gets an end date: after it its users
| cannot work and its offers leave the public lists, while the cards it
| issued keep working and its history and statistics stay.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      table.date('ends_on').nullable()
    })
  }

  async down() {
    this.schema.alterTable('organisations', (table) => {
      table.dropColumn('ends_on')
    })
  }
}
