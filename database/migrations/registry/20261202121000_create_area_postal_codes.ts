import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| The postal codes of an area's municipalities, given by its coordinator or
| the national centre. A card issued with a postal code outside them needs a
| second confirmation; an area without any asks no second question.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('area_postal_codes', (table) => {
      table.increments('id')
      table.integer('area_id').unsigned().notNullable().references('areas.id').onDelete('CASCADE')
      table.string('postal_code', 5).notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['area_id', 'postal_code'])
    })
  }

  async down() {
    this.schema.dropTable('area_postal_codes')
  }
}
