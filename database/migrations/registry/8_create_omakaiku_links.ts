import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| What the registry keeps of OmaKaiku: that a card has an account and since
| when (no identity), and the holder's feedback on an event they attended,
| tied to the use. Venues see feedback only as averages over five or more
| holders.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('cards', (table) => {
      table.timestamp('omakaiku_account_at').nullable()
    })

    this.schema.createTable('use_feedback', (table) => {
      table.increments('id')
      // One answer per use: the unique key refuses a second one, also a simultaneous twin.
      table
        .integer('use_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('uses.id')
        .onDelete('CASCADE')
      table.integer('offer_id').unsigned().notNullable().references('offers.id')
      // 0–5 stars each
      table.smallint('accessibility').notNullable()
      table.smallint('meaning').notNullable()
      table.smallint('interest').notNullable()
      table.boolean('meaningful').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['offer_id'])
    })
  }

  async down() {
    this.schema.dropTable('use_feedback')
    this.schema.alterTable('cards', (table) => {
      table.dropColumn('omakaiku_account_at')
    })
  }
}
