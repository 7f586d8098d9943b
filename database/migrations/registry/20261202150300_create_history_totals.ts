import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| The old register's yearly totals by area, for the years before detailed
| records (imported: app/stats/services/yearly_totals_import.ts). One row per
| area and year, counted up to `up_to`; nothing about any one card.
|
| The statistics refresh copies them into the yearly summaries as rows of
| their own (`from_totals`), so every yearly series and the national page
| count them while a statistic that splits the year otherwise (by month,
| organisation, venue, background) never meets them.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('stat_history_totals', (table) => {
      table.increments('id')
      // The old register's id of the row: the same file again finds it.
      table.string('source_id', 100).notNullable().unique()
      table.integer('area_id').unsigned().notNullable().references('areas.id')
      table.smallint('year').notNullable()
      // The last day the totals cover (31.12. of the year unless the file says otherwise).
      table.date('up_to').notNullable()
      // Cards registered in the year; of them used, when the old register told.
      table.integer('cards').notNullable()
      table.integer('used_cards').nullable()
      // Uses (places) in the year, and of them uses for children.
      table.integer('uses').notNullable()
      table.integer('children').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['area_id', 'year'])
    })

    this.schema.alterTable('stat_area_card_years', (table) => {
      // A row copied from stat_history_totals rather than counted from cards.
      table.boolean('from_totals').notNullable().defaultTo(false)
      // False when the totals do not tell how many of the cards were used (`used` is then 0).
      table.boolean('used_known').notNullable().defaultTo(true)
    })
    this.schema.alterTable('stat_area_use_years', (table) => {
      // A row copied from stat_history_totals: its registrations are not known (0).
      table.boolean('from_totals').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable('stat_area_use_years', (table) => {
      table.dropColumn('from_totals')
    })
    this.schema.alterTable('stat_area_card_years', (table) => {
      table.dropColumn('used_known')
      table.dropColumn('from_totals')
    })
    this.schema.dropTable('stat_history_totals')
  }
}
