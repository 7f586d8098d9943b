import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Summary tables of the statistics module (app/stats). Each holds counts of
| the raw rows (cards, uses) grouped by what the dashboards filter and break
| down by; the refresh (app/stats/services/summary_refresh.ts) rebuilds the
| years whose raw rows changed. They hold no card codes: nothing in them
| points to one card. Background breakdowns keep small counts here; the
| pages and exports hide them (app/stats/services/small_numbers.ts).
*/
export default class extends BaseSchema {
  async up() {
    // Cards by the distributor that issued them and the month they were issued.
    this.schema.createTable('stat_card_months', (table) => {
      table.increments('id')
      table.integer('organisation_id').unsigned().notNullable()
      table.integer('area_id').unsigned().nullable()
      table.smallint('year').notNullable()
      table.smallint('month').notNullable()
      table.string('card_type', 10).notNullable()
      table.integer('registered').notNullable()
      // Cards with at least one use (ever), and cards valid on the refresh day.
      table.integer('used').notNullable()
      table.integer('valid_now').notNullable()
      table.index(['area_id', 'year'])
      table.index(['organisation_id', 'year'])
    })

    // Cards by one background dimension (age, gender, mother tongue, life situation).
    this.schema.createTable('stat_card_backgrounds', (table) => {
      table.increments('id')
      table.integer('organisation_id').unsigned().notNullable()
      table.integer('area_id').unsigned().nullable()
      table.smallint('year').notNullable()
      table.string('dimension', 16).notNullable()
      table.string('value', 40).notNullable()
      table.integer('registered').notNullable()
      table.integer('used').notNullable()
      table.index(['area_id', 'year', 'dimension'])
      table.index(['organisation_id', 'year', 'dimension'])
    })

    // Cards by the month issued and the last month valid (yyyymm), for "valid per month".
    this.schema.createTable('stat_card_validity', (table) => {
      table.increments('id')
      table.integer('organisation_id').unsigned().notNullable()
      table.integer('area_id').unsigned().nullable()
      table.integer('issued_month').notNullable()
      table.integer('until_month').notNullable()
      // The issue year, so a refresh can rebuild one year's cards.
      table.smallint('year').notNullable()
      table.integer('cards').notNullable()
      table.index(['organisation_id', 'until_month'])
      table.index(['area_id', 'until_month'])
      table.index(['year'])
    })

    // Uses at each venue by month, genre, card type and the card's area.
    this.schema.createTable('stat_use_months', (table) => {
      table.increments('id')
      table.integer('venue_organisation_id').unsigned().notNullable()
      table.integer('venue_area_id').unsigned().nullable()
      table.integer('card_area_id').unsigned().nullable()
      table.integer('genre_id').unsigned().notNullable()
      table.string('card_type', 10).notNullable()
      table.smallint('year').notNullable()
      table.smallint('month').notNullable()
      table.integer('registrations').notNullable()
      table.integer('places').notNullable()
      table.integer('children').notNullable()
      table.index(['venue_area_id', 'year'])
      table.index(['venue_organisation_id', 'year'])
      table.index(['card_area_id', 'year'])
      // Covers counting the venues with uses in a period.
      table.index(['year', 'month', 'venue_organisation_id'])
    })

    // Uses by the venue's area, the card's area and month: an area's or the country's period totals.
    this.schema.createTable('stat_area_use_months', (table) => {
      table.increments('id')
      table.integer('venue_area_id').unsigned().nullable()
      table.integer('card_area_id').unsigned().nullable()
      table.smallint('year').notNullable()
      table.smallint('month').notNullable()
      table.integer('registrations').notNullable()
      table.integer('places').notNullable()
      table.integer('children').notNullable()
      table.index(['venue_area_id', 'year'])
      table.index(['year'])
    })

    // Uses of each distributor's cards by month and the venue's area.
    this.schema.createTable('stat_card_org_uses', (table) => {
      table.increments('id')
      table.integer('card_organisation_id').unsigned().notNullable()
      table.integer('card_area_id').unsigned().nullable()
      table.integer('venue_area_id').unsigned().nullable()
      table.smallint('year').notNullable()
      table.smallint('month').notNullable()
      table.integer('registrations').notNullable()
      table.integer('places').notNullable()
      table.integer('children').notNullable()
      table.index(['card_organisation_id', 'year'])
      table.index(['card_area_id', 'year'])
      table.index(['year'])
    })

    // Uses of each distributor's cards by venue and year ("where our cards are used").
    this.schema.createTable('stat_card_org_venues', (table) => {
      table.increments('id')
      table.integer('card_organisation_id').unsigned().notNullable()
      table.integer('venue_organisation_id').unsigned().notNullable()
      table.smallint('year').notNullable()
      table.integer('registrations').notNullable()
      table.integer('places').notNullable()
      table.index(['card_organisation_id', 'year'])
      table.index(['year'])
    })

    // Uses by one background dimension of the card, by the card's area and year.
    this.schema.createTable('stat_use_backgrounds', (table) => {
      table.increments('id')
      table.integer('card_area_id').unsigned().nullable()
      table.smallint('year').notNullable()
      table.string('dimension', 16).notNullable()
      table.string('value', 40).notNullable()
      table.integer('registrations').notNullable()
      table.integer('places').notNullable()
      table.index(['card_area_id', 'year', 'dimension'])
      table.index(['year'])
    })

    // Cards by how many times they were used in a year (11 stands for 11 or more).
    this.schema.createTable('stat_card_frequency', (table) => {
      table.increments('id')
      table.integer('card_organisation_id').unsigned().notNullable()
      table.integer('card_area_id').unsigned().nullable()
      table.smallint('year').notNullable()
      table.smallint('uses').notNullable()
      table.integer('cards').notNullable()
      table.index(['card_area_id', 'year'])
      table.index(['card_organisation_id', 'year'])
      table.index(['year'])
    })

    // Uses at a venue by event: a show, or an offer without shows by month (per-event statistics).
    this.schema.createTable('stat_event_uses', (table) => {
      table.increments('id')
      table.integer('venue_organisation_id').unsigned().notNullable()
      table.integer('offer_id').unsigned().notNullable()
      table.integer('occurrence_id').unsigned().nullable()
      table.string('card_type', 10).notNullable()
      table.smallint('year').notNullable()
      table.smallint('month').notNullable()
      table.integer('registrations').notNullable()
      // Different cards: a card has one type, so these add up across types.
      table.integer('cards').notNullable()
      table.integer('places').notNullable()
      table.index(['venue_organisation_id', 'year'])
      table.index(['year'])
    })

    // Yearly totals by area, for the national page and the yearly series.
    this.schema.createTable('stat_area_card_years', (table) => {
      table.increments('id')
      table.integer('area_id').unsigned().nullable()
      table.smallint('year').notNullable()
      table.integer('registered').notNullable()
      table.integer('used').notNullable()
      table.index(['area_id', 'year'])
      table.index(['year'])
    })
    this.schema.createTable('stat_area_use_years', (table) => {
      table.increments('id')
      // The venue's area.
      table.integer('area_id').unsigned().nullable()
      table.smallint('year').notNullable()
      table.integer('registrations').notNullable()
      table.integer('places').notNullable()
      table.integer('children').notNullable()
      table.index(['area_id', 'year'])
      table.index(['year'])
    })

    // When the summaries were last brought up to date (one row).
    this.schema.createTable('stat_refreshes', (table) => {
      table.integer('id').primary()
      table.timestamp('started_at').notNullable()
      table.timestamp('finished_at').notNullable()
      // The day "valid now" was counted for.
      table.date('valid_on').notNullable()
      table.integer('duration_ms').notNullable()
    })

    // What the refresh looks for: rows changed since the last one, and years by date.
    // ... and a venue's events by day (its per-event statistics read the raw uses).
    this.schema.alterTable('uses', (table) => {
      table.index(['updated_at'])
      table.index(['used_on'])
      table.index(['organisation_id', 'used_on'])
    })
    this.schema.alterTable('cards', (table) => {
      table.index(['updated_at'])
      table.index(['issued_on'])
    })
  }

  async down() {
    this.schema.alterTable('cards', (table) => {
      table.dropIndex(['issued_on'])
      table.dropIndex(['updated_at'])
    })
    this.schema.alterTable('uses', (table) => {
      table.dropIndex(['organisation_id', 'used_on'])
      table.dropIndex(['used_on'])
      table.dropIndex(['updated_at'])
    })
    for (const name of [
      'stat_refreshes',
      'stat_area_use_years',
      'stat_area_card_years',
      'stat_event_uses',
      'stat_area_use_months',
      'stat_card_frequency',
      'stat_use_backgrounds',
      'stat_card_org_venues',
      'stat_card_org_uses',
      'stat_use_months',
      'stat_card_validity',
      'stat_card_backgrounds',
      'stat_card_months',
    ]) {
      this.schema.dropTable(name)
    }
  }
}
