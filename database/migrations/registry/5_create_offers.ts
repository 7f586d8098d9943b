import { readFile } from 'node:fs/promises'
import { BaseSchema } from '@adonisjs/lucid/schema'

type GenreSeed = { key: string; fi: string; sv: string; en: string; children?: GenreSeed[] }

/*
| Offers of venues (module `offers`): a genre taxonomy, offers with their
| restrictions, occurrences with capacity and card cap, and each venue's
| rules that span its offers. The taxonomy is seeded here from
| database/data/genres.json so every installation starts with it.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('genres', (table) => {
      table.increments('id')
      table.integer('parent_id').unsigned().nullable().references('genres.id')
      table.string('key', 40).notNullable().unique()
      table.string('name_fi', 80).notNullable()
      table.string('name_sv', 80).notNullable()
      table.string('name_en', 80).notNullable()
      table.smallint('position').notNullable().defaultTo(0)
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('offers', (table) => {
      table.increments('id')
      table.integer('organisation_id').unsigned().notNullable().references('organisations.id')
      table.string('title', 150).notNullable()
      table.text('description').notNullable()
      // performance | exhibition | course | series | library_fees
      table.string('type', 20).notNullable()
      table.integer('genre_id').unsigned().notNullable().references('genres.id')
      table.integer('municipality_id').unsigned().notNullable().references('municipalities.id')
      table.string('location', 200).notNullable()
      table.text('accessibility').notNullable()
      table.boolean('children_allowed').notNullable().defaultTo(true)
      table.boolean('guest_production').notNullable().defaultTo(false)
      table.boolean('once_per_card').notNullable().defaultTo(false)
      table.boolean('weekends_excluded').notNullable().defaultTo(false)
      // Booking opens this many days before an occurrence (7 or more); null: always open.
      table.smallint('booking_opens_days').nullable()
      // Swimming and other series: visits per card per calendar year (30 or more).
      table.smallint('yearly_visits').nullable()
      // Library fees: euros per card per calendar year.
      table.smallint('yearly_euro_cap').nullable()
      // Offers without occurrences (exhibitions, series, library fees) run for a period.
      table.date('available_from').nullable()
      table.date('available_until').nullable()
      table.boolean('published').notNullable().defaultTo(false)
      // Bumped on every edit; the edit form carries it to refuse a stale save.
      table.integer('revision').notNullable().defaultTo(1)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organisation_id'])
      table.index(['published', 'genre_id'])
    })

    this.schema.createTable('occurrences', (table) => {
      table.increments('id')
      table.integer('offer_id').unsigned().notNullable().references('offers.id').onDelete('CASCADE')
      table.timestamp('starts_at').notNullable()
      table.integer('capacity').unsigned().notNullable()
      // Card places per occurrence; null: no cap beyond the capacity.
      table.integer('card_cap').unsigned().nullable()
      // gala | premiere: a show the card does not cover
      table.string('excluded_kind', 10).nullable()
      // Set on the first occurrence a form added: a double submit adds them once.
      table.string('submission_key', 36).nullable().unique()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['offer_id', 'starts_at'])
      table.index(['starts_at'])
    })

    this.schema.createTable('venue_rules', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('organisations.id')
      // At most this many open (future) bookings per card at the venue at once.
      table.smallint('max_open_bookings').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.defer(async (db) => {
      const file = new URL('../../data/genres.json', import.meta.url)
      const { genres } = JSON.parse(await readFile(file, 'utf8')) as { genres: GenreSeed[] }
      // The text form both engines store timestamps in.
      const now = new Date().toISOString().slice(0, 19).replace('T', ' ')
      const row = (genre: GenreSeed, position: number, parentId: number | null) => ({
        parent_id: parentId,
        key: genre.key,
        name_fi: genre.fi,
        name_sv: genre.sv,
        name_en: genre.en,
        position,
        active: true,
        created_at: now,
        updated_at: now,
      })
      for (const [index, genre] of genres.entries()) {
        await db.table('genres').insert(row(genre, index, null))
        const parent = await db.from('genres').where('key', genre.key).firstOrFail()
        for (const [childIndex, child] of (genre.children ?? []).entries()) {
          await db.table('genres').insert(row(child, childIndex, parent.id))
        }
      }
    })
  }

  async down() {
    this.schema.dropTable('venue_rules')
    this.schema.dropTable('occurrences')
    this.schema.dropTable('offers')
    this.schema.dropTable('genres')
  }
}
