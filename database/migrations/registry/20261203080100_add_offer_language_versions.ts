import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Offers in more than one language (issue 22): the language the venue wrote
| the offer in, and optional Swedish and English versions of its title,
| description and accessibility notes. A page in Swedish or English shows
| the version in its language when there is one, else the original.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('offers', (table) => {
      // fi | sv | en: the language of title, description and accessibility
      table.string('language', 2).notNullable().defaultTo('fi')
      table.string('title_sv', 150).nullable()
      table.text('description_sv').nullable()
      table.text('accessibility_sv').nullable()
      table.string('title_en', 150).nullable()
      table.text('description_en').nullable()
      table.text('accessibility_en').nullable()
    })
  }

  async down() {
    this.schema.alterTable('offers', (table) => {
      table.dropColumn('accessibility_en')
      table.dropColumn('description_en')
      table.dropColumn('title_en')
      table.dropColumn('accessibility_sv')
      table.dropColumn('description_sv')
      table.dropColumn('title_sv')
      table.dropColumn('language')
    })
  }
}
