import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Uses of a card at a venue (module `usage`). Only the card's code is kept,
| never a name: the row says which card, where, for which occurrence, with
| how many children or group members, and who registered it.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('uses', (table) => {
      table.increments('id')
      table.string('card_code', 9).notNullable()
      // The venue whose offer was used.
      table.integer('organisation_id').unsigned().notNullable().references('organisations.id')
      table.integer('offer_id').unsigned().notNullable().references('offers.id')
      table.integer('occurrence_id').unsigned().nullable().references('occurrences.id')
      // The date of the event or visit (a use may be registered afterwards).
      table.date('used_on').notNullable()
      // Card places the use takes under a cap: the holder and children, or the community group.
      table.smallint('places').notNullable()
      table.smallint('children_count').notNullable().defaultTo(0)
      table.smallint('group_size').nullable()
      // Library fees: the amount covered, in cents.
      table.integer('amount_cents').nullable()
      // registered | cancelled | no_show
      table.string('status', 10).notNullable()
      table.integer('registered_by_user_id').unsigned().nullable()
      table.foreign('registered_by_user_id').references('users.id').onDelete('SET NULL')
      // The venue itself or a ticket agent.
      table
        .integer('registered_by_organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
      table.timestamp('cancelled_at').nullable()
      // venue | holder
      table.string('cancelled_by', 10).nullable()
      // When the venue saw a holder's cancellation in its inbox.
      table.timestamp('seen_at').nullable()
      // The form's one-time key: a double submit or a retried request registers once.
      table.string('submission_key', 36).notNullable().unique()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['occurrence_id', 'status'])
      table.index(['card_code', 'status'])
      table.index(['offer_id', 'card_code'])
      table.index(['organisation_id', 'cancelled_by', 'cancelled_at'])
    })
  }

  async down() {
    this.schema.dropTable('uses')
  }
}
