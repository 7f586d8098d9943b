import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Announcements: area coordinators write to the cardholders of their area and
| the national centre to one area's or the whole country's. A holder chooses
| them in OmaKaiku like every other kind (off until turned on).
|
| A campaign's sender is an organisation (`organisation_id`), an area's
| coordinators (`sender_area_id`) or the national centre (neither): the daily
| limit counts each sender's messages. `area_id` is whom an announcement
| reaches: one area, or every holder when null.
|
| No transaction: on SQLite, making a column nullable rebuilds the table, and
| knex can switch the foreign-key check off only outside a transaction (with
| it on, dropping the old table would delete the outbox rows that point to it).
*/
export default class extends BaseSchema {
  static disableTransactions = true

  async up() {
    this.schema.alterTable('notification_settings', (table) => {
      table.boolean('announcements').notNullable().defaultTo(false)
    })
    this.schema.alterTable('campaigns', (table) => {
      table.integer('organisation_id').unsigned().nullable().alter()
      table.integer('sender_area_id').unsigned().nullable()
      table.index(['sender_area_id', 'created_at'])
    })
  }

  /** organisation_id stays nullable: announcements saved meanwhile have no organisation. */
  async down() {
    this.schema.alterTable('campaigns', (table) => {
      table.dropIndex(['sender_area_id', 'created_at'])
      table.dropColumn('sender_area_id')
    })
    this.schema.alterTable('notification_settings', (table) => {
      table.dropColumn('announcements')
    })
  }
}
