import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Confirming attendance (issue 23): when a holder was asked whether they are
| coming and when they said yes; a venue may release bookings left
| unconfirmed some hours before the show (off unless it sets the hours).
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('uses', (table) => {
      table.timestamp('attendance_asked_at').nullable()
      table.timestamp('attendance_confirmed_at').nullable()
    })
    this.schema.alterTable('venue_rules', (table) => {
      table.smallint('release_unconfirmed_hours').nullable()
    })
  }

  async down() {
    this.schema.alterTable('uses', (table) => {
      table.dropColumn('attendance_asked_at')
      table.dropColumn('attendance_confirmed_at')
    })
    this.schema.alterTable('venue_rules', (table) => {
      table.dropColumn('release_unconfirmed_hours')
    })
  }
}
