import { BaseSchema } from '@adonisjs/lucid/schema'

/* Cardholders' sessions, kept on the server beside their accounts: a copied cookie is worth nothing once the session ends (sign-out, password change, deleting the account). user_id tags a session with its account. */
export default class extends BaseSchema {
  protected tableName = 'sessions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id').primary()
      table.text('data', 'mediumtext').notNullable()
      table.string('user_id').nullable().index()
      table.timestamp('expires_at').notNullable().index()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
