import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Messages to cardholders. Addresses are not copied here: the worker reads
| them from `accounts` when it sends, so a deleted account takes its
| messages with it and a changed address is used at once.
*/
export default class extends BaseSchema {
  async up() {
    // Messages that staff write to a group of cardholders.
    this.schema.createTable('campaigns', (table) => {
      table.increments('id')
      // The registry's organisation and user (another database: no foreign key).
      table.integer('organisation_id').unsigned().notNullable()
      table.integer('user_id').unsigned().nullable()
      table.string('kind', 30).notNullable()
      // visitors_of_offer | visitors_of_venue | seats_left | genre_in_area | own_cardholders
      table.string('audience', 30).notNullable()
      table.integer('offer_id').unsigned().nullable()
      table.integer('genre_id').unsigned().nullable()
      table.integer('area_id').unsigned().nullable()
      table.text('body_fi').notNullable()
      table.text('body_sv').nullable()
      table.text('body_en').nullable()
      table.boolean('by_email').notNullable()
      table.boolean('by_sms').notNullable()
      table.timestamp('send_at').notNullable()
      // Set when its messages are in the outbox.
      table.timestamp('dispatched_at').nullable()
      table.integer('recipients').unsigned().nullable()
      table.string('submission_key', 36).notNullable().unique()
      table.timestamp('created_at').notNullable()
      table.index(['organisation_id', 'created_at'])
      table.index(['dispatched_at', 'send_at'])
    })

    this.schema.createTable('outbox_messages', (table) => {
      table.increments('id')
      // kind + card + subject + channel: the same message is never queued twice.
      table.string('idempotency_key', 150).notNullable().unique()
      table
        .integer('account_id')
        .unsigned()
        .notNullable()
        .references('accounts.id')
        .onDelete('CASCADE')
      table.string('card_code', 9).notNullable()
      table.string('kind', 30).notNullable()
      // email | sms
      table.string('channel', 5).notNullable()
      table
        .integer('campaign_id')
        .unsigned()
        .nullable()
        .references('campaigns.id')
        .onDelete('CASCADE')
      // What the text needs (event title, time, place...), as JSON; never contact details.
      table.text('params').notNullable()
      // queued | sending | sent | delivered | failed (waits for a retry) | dead | skipped
      table.string('status', 10).notNullable()
      table.smallint('attempts').notNullable().defaultTo(0)
      table.timestamp('next_attempt_at').notNullable()
      // The worker that holds the row while sending, and until when.
      table.string('claim_token', 36).nullable()
      table.timestamp('locked_until').nullable()
      table.string('provider_message_id', 64).nullable()
      table.string('last_error', 500).nullable()
      table.timestamp('sent_at').nullable()
      table.timestamp('delivered_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['status', 'next_attempt_at'])
      table.index(['claim_token'])
      table.index(['provider_message_id'])
      table.index(['created_at'])
    })

    // Each scheduled job's runs, for the admin's view.
    this.schema.createTable('job_runs', (table) => {
      table.increments('id')
      table.string('job', 40).notNullable()
      table.timestamp('started_at').notNullable()
      table.integer('duration_ms').unsigned().nullable()
      // running | ok | failed
      table.string('outcome', 10).notNullable()
      table.string('detail', 500).nullable()
      table.index(['job', 'started_at'])
    })

    // @adonisjs/lock's database store: one scheduled job at a time across instances.
    this.schema.createTable('locks', (table) => {
      table.string('key', 255).notNullable().primary()
      table.string('owner').notNullable()
      table.bigint('expiration').unsigned().nullable()
    })
  }

  async down() {
    this.schema.dropTable('locks')
    this.schema.dropTable('job_runs')
    this.schema.dropTable('outbox_messages')
    this.schema.dropTable('campaigns')
  }
}
