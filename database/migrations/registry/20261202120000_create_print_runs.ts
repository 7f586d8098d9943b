import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Cards exist before they are registered: an area orders a print run, which
| reserves that many codes. A printed code becomes a card when a distributor
| registers it (then `cards.code` holds the same code); until then the box
| office answers "not registered", and after the run is cancelled "cancelled".
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('print_runs', (table) => {
      table.increments('id')
      table.integer('area_id').unsigned().notNullable().references('areas.id')
      // The one distributor the cards are for, if the run is not for the whole area.
      table.integer('organisation_id').unsigned().nullable().references('organisations.id')
      // personal | community
      table.string('card_type', 10).notNullable()
      // fi | sv | fi_sv (bilingual)
      table.string('language', 5).notNullable()
      table.integer('quantity').unsigned().notNullable()
      // queued | generating | ready | failed | cancelled
      table.string('status', 10).notNullable()
      // Codes reserved so far, for the progress indicator.
      table.integer('codes_done').unsigned().notNullable().defaultTo(0)
      table
        .integer('ordered_by_user_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.string('submission_key', 36).nullable().unique()
      table.timestamp('ready_at').nullable()
      table.timestamp('cancelled_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['area_id', 'created_at'])
    })

    this.schema.createTable('printed_codes', (table) => {
      table.increments('id')
      table.string('code', 9).notNullable().unique()
      table.integer('print_run_id').unsigned().notNullable().references('print_runs.id')
      table.index(['print_run_id'])
    })
  }

  async down() {
    this.schema.dropTable('printed_codes')
    this.schema.dropTable('print_runs')
  }
}
