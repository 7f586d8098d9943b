import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| The facts the statistics' summary tables group (app/stats/services/summary_facts.ts):
| one row per card and one per standing use, with the groups they count in
| (organisation, area, month, genre, background group). The refresh keeps
| them as they were at its last run, so when a card or a use changes it
| knows both the groups the row left and the ones it joined, and changes
| only those. They hold the registry's internal ids, never a card code; the
| background groups follow the card (its retention clears them within one
| refresh).
|
| Indexes: a card's uses (the cards by how many times used), a venue's
| month (its events regrouped), and an organisation's facts (whether it
| moved to another area).
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('stat_card_facts', (table) => {
      table.integer('card_id').unsigned().primary()
      table.integer('organisation_id').unsigned().notNullable()
      table.integer('area_id').unsigned().nullable()
      // The issue year and month.
      table.smallint('year').notNullable()
      table.smallint('month').notNullable()
      table.string('card_type', 10).notNullable()
      table.smallint('used').notNullable()
      table.smallint('valid_now').notNullable()
      table.integer('issued_month').notNullable()
      table.integer('until_month').notNullable()
      table.string('age', 16).notNullable()
      table.string('gender', 10).notNullable()
      table.string('mother_tongue', 10).notNullable()
      table.string('life_situation', 12).notNullable()
      table.index(['organisation_id', 'year', 'month'])
    })

    this.schema.createTable('stat_use_facts', (table) => {
      table.integer('use_id').unsigned().primary()
      table.integer('card_id').unsigned().notNullable()
      table.integer('venue_organisation_id').unsigned().notNullable()
      table.integer('venue_area_id').unsigned().nullable()
      table.integer('card_organisation_id').unsigned().notNullable()
      table.integer('card_area_id').unsigned().nullable()
      table.string('card_type', 10).notNullable()
      // The genre's top level.
      table.integer('genre_id').unsigned().notNullable()
      table.integer('offer_id').unsigned().notNullable()
      table.integer('occurrence_id').unsigned().nullable()
      // The year and month of use.
      table.smallint('year').notNullable()
      table.smallint('month').notNullable()
      table.smallint('places').notNullable()
      table.smallint('children').notNullable()
      table.string('gender', 10).notNullable()
      table.string('mother_tongue', 10).notNullable()
      table.string('life_situation', 12).notNullable()
      table.index(['card_id'])
      table.index(['venue_organisation_id', 'year', 'month'])
      table.index(['card_organisation_id', 'year', 'month'])
    })

    // The summaries were built without facts: the next refresh rebuilds everything.
    this.defer(async (db) => {
      await db.from('stat_refreshes').delete()
    })
  }

  async down() {
    this.schema.dropTable('stat_use_facts')
    this.schema.dropTable('stat_card_facts')
  }
}
