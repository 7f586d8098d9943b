import { BaseSchema } from '@adonisjs/lucid/schema'

/* A holder who says "not now" to the wellbeing questionnaires is not asked again this card year. */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('accounts', (table) => {
      table.date('wellbeing_prompt_hidden_until').nullable()
    })
  }

  async down() {
    this.schema.alterTable('accounts', (table) => {
      table.dropColumn('wellbeing_prompt_hidden_until')
    })
  }
}
