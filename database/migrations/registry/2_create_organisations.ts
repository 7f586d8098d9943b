import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('organisations', (table) => {
      table.increments('id')
      table.string('name', 150).notNullable()
      // distributor | venue | ticket_agent | partner
      table.string('type', 20).notNullable()
      // Pop-up venues of the national centre may sit outside every area.
      table.integer('area_id').unsigned().nullable().references('areas.id')
      table.integer('municipality_id').unsigned().nullable().references('municipalities.id')
      table.string('venue_category', 30).nullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['area_id', 'type'])
    })
  }

  async down() {
    this.schema.dropTable('organisations')
  }
}
