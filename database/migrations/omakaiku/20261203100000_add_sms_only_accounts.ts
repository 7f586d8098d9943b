import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Cardholders with no smartphone or e-mail (issue 23): an account may have a
| phone number and no e-mail. The number is confirmed at the distributor's
| desk with a code sent to it by SMS (kept only as a hash, for 15 minutes,
| a few attempts).
*/
export default class extends BaseSchema {
  protected tableName = 'accounts'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('email', 254).nullable().alter()
      table.timestamp('phone_confirmed_at').nullable()
      table.string('phone_code_hash', 64).nullable()
      table.timestamp('phone_code_expires_at').nullable()
      table.smallint('phone_code_attempts').notNullable().defaultTo(0)
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('phone_confirmed_at')
      table.dropColumn('phone_code_hash')
      table.dropColumn('phone_code_expires_at')
      table.dropColumn('phone_code_attempts')
    })
  }
}
