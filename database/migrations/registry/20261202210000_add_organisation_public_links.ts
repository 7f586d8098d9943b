import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| What the public network directory (issue 21) shows of an organisation
| besides its name and place: its website and the page that tells about its
| accessibility (physical access, aids, the accessibility statement). Both
| are public addresses, optional.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      table.string('website_url', 500).nullable()
      table.string('accessibility_url', 500).nullable()
    })
  }

  async down() {
    this.schema.alterTable('organisations', (table) => {
      table.dropColumn('accessibility_url')
      table.dropColumn('website_url')
    })
  }
}
