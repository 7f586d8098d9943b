import { BaseSchema } from '@adonisjs/lucid/schema'

/* The messaging jobs look up cards by their last valid day every few minutes. */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('cards', (table) => {
      table.index(['valid_until'])
    })
  }

  async down() {
    this.schema.alterTable('cards', (table) => {
      table.dropIndex(['valid_until'])
    })
  }
}
