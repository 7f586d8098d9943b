import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| An organisation's Kaikukortti contact person: the staff member others call
| about the card (issue 20). Staff data, shown to the national centre and
| the area's coordinator; never a cardholder's.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      table.string('contact_name', 150).nullable()
      // E.164, e.g. +358401234567
      table.string('contact_phone', 20).nullable()
      table.string('contact_email', 254).nullable()
    })
  }

  async down() {
    this.schema.alterTable('organisations', (table) => {
      table.dropColumn('contact_email')
      table.dropColumn('contact_phone')
      table.dropColumn('contact_name')
    })
  }
}
