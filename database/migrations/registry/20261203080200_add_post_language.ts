import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| The language a bulletin post or reply is written in (issue 22), so that
| its text carries it for screen readers in every interface language. Posts
| and replies written before this are taken as Finnish.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('posts', (table) => {
      // fi | sv | en
      table.string('language', 2).notNullable().defaultTo('fi')
    })
    this.schema.alterTable('post_replies', (table) => {
      table.string('language', 2).notNullable().defaultTo('fi')
    })
  }

  async down() {
    this.schema.alterTable('post_replies', (table) => {
      table.dropColumn('language')
    })
    this.schema.alterTable('posts', (table) => {
      table.dropColumn('language')
    })
  }
}
