import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('areas', (table) => {
      table.increments('id')
      table.string('name', 100).notNullable().unique()
      // in_use | pilot | coming
      table.string('status', 10).notNullable()
      table.date('pilot_ends_on').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('municipalities', (table) => {
      table.increments('id')
      table.integer('area_id').unsigned().notNullable().references('areas.id')
      table.string('name', 100).notNullable().unique()
      table.string('status', 10).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['area_id'])
    })
  }

  async down() {
    this.schema.dropTable('municipalities')
    this.schema.dropTable('areas')
  }
}
