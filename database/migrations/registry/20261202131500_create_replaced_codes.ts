import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Corrections and lost cards. A correction's history entry names the fields
| that changed (never their values: those live only in the card row). A lost
| card keeps its row and moves to a new code; the old code is kept here so
| the box office can answer "this card has been replaced", and no new card
| or print run can ever take it.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('card_events', (table) => {
      // A correction: the names of the fields changed, comma-separated.
      table.string('changed_fields', 200).nullable()
    })

    this.schema.createTable('replaced_codes', (table) => {
      table.increments('id')
      table.string('old_code', 9).notNullable().unique()
      table.integer('card_id').unsigned().notNullable().references('cards.id').onDelete('CASCADE')
      table.timestamp('replaced_at').notNullable()
      table.index(['card_id'])
    })
  }

  async down() {
    this.schema.dropTable('replaced_codes')
    this.schema.alterTable('card_events', (table) => {
      table.dropColumn('changed_fields')
    })
  }
}
