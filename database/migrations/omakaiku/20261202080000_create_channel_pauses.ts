import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| A channel (email, sms) whose provider refused our own credentials: no
| worker on any instance sends on it until `paused_until`, and the admin's
| dashboard says why. One row per channel, overwritten by each new pause.
*/
export default class extends BaseSchema {
  protected tableName = 'channel_pauses'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('channel', 10).primary()
      table.timestamp('paused_at').notNullable()
      table.timestamp('paused_until').notNullable()
      table.string('reason', 500).notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
