import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| The waiting list of a show (module `usage`): card codes only, in the order
| they were added. When a place frees, the first waiting card whose holder
| can be reached is offered it for a while (config/waiting_list.ts); a yes
| registers the use under the offer's lock, a no or no answer asks the next.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('waiting_list_entries', (table) => {
      table.increments('id')
      table.integer('occurrence_id').unsigned().notNullable().references('occurrences.id')
      table.string('card_code', 9).notNullable()
      // Card places wanted: the holder and children, or the community group.
      table.smallint('children_count').notNullable().defaultTo(0)
      table.smallint('group_size').nullable()
      // waiting | offered | accepted | declined | expired | removed
      table.string('status', 10).notNullable()
      // `occurrence:code` while waiting or offered, else null: one active entry per card and show.
      table.string('active_key', 24).nullable().unique()
      // Who put the card on the list: a staff user's organisation (and user), or the holder (both null).
      table.integer('added_by_organisation_id').unsigned().nullable().references('organisations.id')
      table.integer('added_by_user_id').unsigned().nullable()
      table.foreign('added_by_user_id').references('users.id').onDelete('SET NULL')
      table.timestamp('offered_at').nullable()
      table.timestamp('offer_expires_at').nullable()
      // The use registered when the holder said yes (or the box office registered the card).
      table.integer('use_id').unsigned().nullable().references('uses.id').onDelete('SET NULL')
      table.timestamp('answered_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['occurrence_id', 'status'])
      table.index(['card_code', 'status'])
    })
  }

  async down() {
    this.schema.dropTable('waiting_list_entries')
  }
}
