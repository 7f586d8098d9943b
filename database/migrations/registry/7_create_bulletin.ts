import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| The bulletin board between organisations (module `bulletin`): posts to an
| audience, replies in a thread, who has read what, and each staff user's
| e-mail choice. Staff only: cardholders never post or receive here.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('posts', (table) => {
      table.increments('id')
      table.integer('author_user_id').unsigned().nullable()
      table.foreign('author_user_id').references('users.id').onDelete('SET NULL')
      table.integer('author_organisation_id').unsigned().nullable().references('organisations.id')
      // national | area | venue | distributor | ticket_agent | partner: the sender type readers filter by
      table.string('sender_type', 15).notNullable()
      // message | announcement
      table.string('kind', 15).notNullable()
      // national | national_status | area | area_distributors | area_venues | organisation | user
      table.string('audience', 20).notNullable()
      table.integer('audience_area_id').unsigned().nullable().references('areas.id')
      table.string('audience_area_status', 10).nullable()
      table.integer('audience_organisation_id').unsigned().nullable().references('organisations.id')
      table.integer('audience_user_id').unsigned().nullable()
      table.foreign('audience_user_id').references('users.id').onDelete('CASCADE')
      table.string('title', 150).notNullable()
      // Plain text with a little markup (paragraphs, "- " lists, [links](https://…)); rendered escaped.
      table.text('body').notNullable()
      table.date('expires_on').nullable()
      table.boolean('pinned').notNullable().defaultTo(false)
      table.integer('offer_id').unsigned().nullable().references('offers.id')
      table.timestamp('withdrawn_at').nullable()
      // The post or its latest reply, for ordering; `activity` counts the post and its replies,
      // and a reader who has seen fewer (post_reads.seen_activity) has something unread.
      table.timestamp('last_activity_at').notNullable()
      table.integer('activity').notNullable().defaultTo(1)
      table.string('submission_key', 36).notNullable().unique()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['audience', 'audience_area_id'])
      table.index(['audience_organisation_id'])
      table.index(['audience_user_id'])
      table.index(['last_activity_at'])
    })

    this.schema.createTable('post_replies', (table) => {
      table.increments('id')
      table.integer('post_id').unsigned().notNullable().references('posts.id').onDelete('CASCADE')
      table.integer('author_user_id').unsigned().nullable()
      table.foreign('author_user_id').references('users.id').onDelete('SET NULL')
      table.integer('author_organisation_id').unsigned().nullable().references('organisations.id')
      table.text('body').notNullable()
      table.string('submission_key', 36).notNullable().unique()
      table.timestamp('created_at').notNullable()
      table.index(['post_id'])
    })

    this.schema.createTable('post_reads', (table) => {
      table.increments('id')
      table.integer('post_id').unsigned().notNullable().references('posts.id').onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable()
      table.foreign('user_id').references('users.id').onDelete('CASCADE')
      table.integer('seen_activity').notNullable()
      table.timestamp('read_at').notNullable()
      table.unique(['post_id', 'user_id'])
    })

    this.schema.createTable('bulletin_settings', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable().unique()
      table.foreign('user_id').references('users.id').onDelete('CASCADE')
      // E-mail: off | immediate | daily
      table.string('notification_mode', 10).notNullable()
      // fi | sv | en: the language of the user's bulletin e-mails (staff have no other stored language)
      table.string('locale', 2).notNullable()
      table.timestamp('last_digest_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('bulletin_settings')
    this.schema.dropTable('post_reads')
    this.schema.dropTable('post_replies')
    this.schema.dropTable('posts')
  }
}
