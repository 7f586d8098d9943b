import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Issue 21, running the network: a distributor's category (outreach youth
| work, social services, NGO, parish …; DISTRIBUTOR_CATEGORIES) for the
| statistics' peer comparison and the area's third-sector check, and the side
| an area coordinator covers (culture: venues, welfare: distributors, or
| both). Both start empty: an existing distributor or coordinator shows
| "not set" until someone chooses.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      table.string('distributor_category', 40).nullable()
    })
    this.schema.alterTable('users', (table) => {
      table.string('coordinator_side', 10).nullable()
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropColumn('coordinator_side')
    })
    this.schema.alterTable('organisations', (table) => {
      table.dropColumn('distributor_category')
    })
  }
}
