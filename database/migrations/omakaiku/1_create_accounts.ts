import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| OmaKaiku accounts: the cardholder's identity, kept only here. The card is
| referred to by its code alone; the registry knows only that the card has
| an account and since when.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('accounts', (table) => {
      table.increments('id')
      table.string('card_code', 9).notNullable().unique()
      table.string('first_name', 100).notNullable()
      table.string('last_name', 100).notNullable()
      table.string('email', 254).notNullable().unique()
      // E.164, for example +358401234567
      table.string('phone', 16).nullable()
      // The registry's municipality id (another database: no foreign key).
      table.integer('municipality_id').unsigned().notNullable()
      // fi | sv | en: the language of e-mails and SMS
      table.string('locale', 2).notNullable()
      // Null until the holder sets a password through the activation link.
      table.string('password', 200).nullable()
      table.timestamp('activated_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    // Single-use links by e-mail: activation (set a password) and reset.
    this.schema.createTable('account_tokens', (table) => {
      table.increments('id')
      table
        .integer('account_id')
        .unsigned()
        .notNullable()
        .references('accounts.id')
        .onDelete('CASCADE')
      // activation | reset
      table.string('purpose', 10).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.timestamp('expires_at').notNullable()
      table.timestamp('used_at').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['account_id'])
    })

    // Private notes, encrypted with the app key: only the holder reads them.
    this.schema.createTable('notes', (table) => {
      table.increments('id')
      table
        .integer('account_id')
        .unsigned()
        .notNullable()
        .references('accounts.id')
        .onDelete('CASCADE')
      // The registry's use id when the note is about an event (another database: no foreign key).
      table.integer('use_id').unsigned().nullable()
      table.text('body_encrypted').notNullable()
      // The form's one-time key: a double submit saves one note.
      table.string('submission_key', 36).nullable().unique()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['account_id'])
    })

    // What the holder wants to receive, and how. No row: nothing at all (off by default).
    this.schema.createTable('notification_settings', (table) => {
      table
        .integer('account_id')
        .unsigned()
        .notNullable()
        .primary()
        .references('accounts.id')
        .onDelete('CASCADE')
      table.boolean('enabled').notNullable().defaultTo(false)
      table.boolean('ticket_reminders').notNullable().defaultTo(false)
      table.boolean('card_expiry').notNullable().defaultTo(false)
      table.boolean('distributor_messages').notNullable().defaultTo(false)
      table.boolean('venue_news').notNullable().defaultTo(false)
      table.boolean('recommendations').notNullable().defaultTo(false)
      table.boolean('seats_left').notNullable().defaultTo(false)
      table.boolean('by_email').notNullable().defaultTo(false)
      table.boolean('by_sms').notNullable().defaultTo(false)
      table.timestamp('updated_at').notNullable()
    })

    // Genres for recommendations (the registry's genre ids).
    this.schema.createTable('notification_genres', (table) => {
      table
        .integer('account_id')
        .unsigned()
        .notNullable()
        .references('accounts.id')
        .onDelete('CASCADE')
      table.integer('genre_id').unsigned().notNullable()
      table.primary(['account_id', 'genre_id'])
      table.index(['genre_id'])
    })

    // Sign-in throttling for cardholders (@adonisjs/limiter database store): keys hold e-mail addresses.
    this.schema.createTable('rate_limits', (table) => {
      table.string('key', 255).notNullable().primary()
      table.integer('points', 9).notNullable().defaultTo(0)
      table.bigint('expire').unsigned()
    })
  }

  async down() {
    this.schema.dropTable('rate_limits')
    this.schema.dropTable('notification_genres')
    this.schema.dropTable('notification_settings')
    this.schema.dropTable('notes')
    this.schema.dropTable('account_tokens')
    this.schema.dropTable('accounts')
  }
}
