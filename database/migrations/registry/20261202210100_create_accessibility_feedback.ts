import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Feedback on accessibility (the statement's feedback channel, law 306/2019),
| sent by anyone without signing in and read by the national centre. The
| reply address is the sender's own, given only if they want a reply; it is
| removed with the row after the period of config/retention.ts.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('accessibility_feedback', (table) => {
      table.increments('id')
      // The page or service the feedback is about, in the sender's words.
      table.string('concerns', 200).notNullable()
      table.text('message').notNullable()
      table.string('reply_email', 254).nullable()
      // E.164, e.g. +358401234567
      table.string('reply_phone', 20).nullable()
      table.string('locale', 2).notNullable()
      table.date('reply_due_on').notNullable()
      table.timestamp('answered_at').nullable()
      table.string('submission_key', 36).notNullable().unique()
      table.timestamp('created_at').notNullable()
      table.index(['created_at'])
    })
  }

  async down() {
    this.schema.dropTable('accessibility_feedback')
  }
}
