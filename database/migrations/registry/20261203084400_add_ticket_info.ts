import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| How to get a ticket (issue 22): a venue's ways to get a ticket with the
| card (box office, phone, e-mail, a web shop with a field for the card
| code), its ticket contact (the box office's phone, e-mail and web address:
| the venue's, never a cardholder's), the box office's opening hours, and
| three recommendations of the operating model the venue says it follows:
| a free cloakroom, a support person free, the ticket handed over at the
| latest a set time before the show. An offer may name its own ways; null
| means the venue's.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('venue_rules', (table) => {
      // A comma-separated list of box_office, phone, email, online; null when none is set.
      table.string('ticket_ways', 100).nullable()
      // E.164, e.g. +358401234567
      table.string('ticket_phone', 20).nullable()
      table.string('ticket_email', 254).nullable()
      table.string('ticket_url', 500).nullable()
      table.string('box_office_hours', 300).nullable()
      table.boolean('free_cloakroom').notNullable().defaultTo(false)
      table.boolean('support_person_free').notNullable().defaultTo(false)
      table.boolean('ticket_handover').notNullable().defaultTo(false)
    })
    this.schema.alterTable('offers', (table) => {
      table.string('ticket_ways', 100).nullable()
    })
  }

  async down() {
    this.schema.alterTable('offers', (table) => {
      table.dropColumn('ticket_ways')
    })
    this.schema.alterTable('venue_rules', (table) => {
      table.dropColumn('ticket_handover')
      table.dropColumn('support_person_free')
      table.dropColumn('free_cloakroom')
      table.dropColumn('box_office_hours')
      table.dropColumn('ticket_url')
      table.dropColumn('ticket_email')
      table.dropColumn('ticket_phone')
      table.dropColumn('ticket_ways')
    })
  }
}
