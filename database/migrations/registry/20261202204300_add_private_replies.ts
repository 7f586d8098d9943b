import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Private replies on the bulletin board: a reply seen only by its writer and
| the one person it is for (the post's author, or someone who wrote to the
| author privately). `private` stays true even if that person is removed, so
| a private reply never turns public. A private reply does not count in the
| post's `activity`, which every reader sees; its addressee's unread state is
| `post_reads.seen_reply_id`, the highest reply they had when they last read.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('post_replies', (table) => {
      table.boolean('private').notNullable().defaultTo(false)
      table.integer('private_to_user_id').unsigned().nullable()
      table.foreign('private_to_user_id').references('users.id').onDelete('SET NULL')
      table.index(['private_to_user_id'])
    })
    this.schema.alterTable('post_reads', (table) => {
      table.integer('seen_reply_id').unsigned().nullable()
    })
  }

  async down() {
    this.schema.alterTable('post_reads', (table) => {
      table.dropColumn('seen_reply_id')
    })
    this.schema.alterTable('post_replies', (table) => {
      table.dropForeign(['private_to_user_id'])
      table.dropIndex(['private_to_user_id'])
      table.dropColumn('private_to_user_id')
      table.dropColumn('private')
    })
  }
}
