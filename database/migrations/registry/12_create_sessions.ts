import { BaseSchema } from '@adonisjs/lucid/schema'

/* Staff sessions, kept on the server: a copied cookie is worth nothing once the session ends (sign-out, password change, deactivation). user_id tags a session with its user so that all of them can be ended at once. */
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
