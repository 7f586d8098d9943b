import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Organisations' life cycle (issue 21, docs/NETWORK.md): an area coordinator
| proposes an organisation and the national centre approves or declines it
| with a reason; until approved its users cannot act. Every organisation
| made before this (and every imported one) counts as approved. And the
| commitment each signs (cooperation commitment for distributors and venues,
| partnership commitment for partners): the day signed and its version.
| Staff data only: who proposed and who decided are staff users.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      // proposed | approved | declined
      table.string('approval', 10).notNullable().defaultTo('approved')
      table.timestamp('proposed_at').nullable()
      table
        .integer('proposed_by_user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('decided_at').nullable()
      table
        .integer('decided_by_user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('decline_reason', 1000).nullable()
      // The national centre's explicit yes to a partner joining mid-year.
      table.boolean('mid_year_confirmed').notNullable().defaultTo(false)
      // The proposal form's one-time key: a double submit makes one proposal.
      table.string('submission_key', 36).nullable().unique()
      table.date('commitment_signed_on').nullable()
      table.string('commitment_version', 50).nullable()
      table.index(['approval'])
    })
  }

  async down() {
    this.schema.alterTable('organisations', (table) => {
      table.dropIndex(['approval'])
      table.dropForeign(['proposed_by_user_id'])
      table.dropForeign(['decided_by_user_id'])
      table.dropUnique(['submission_key'])
      table.dropColumn('commitment_version')
      table.dropColumn('commitment_signed_on')
      table.dropColumn('submission_key')
      table.dropColumn('mid_year_confirmed')
      table.dropColumn('decline_reason')
      table.dropColumn('decided_by_user_id')
      table.dropColumn('decided_at')
      table.dropColumn('proposed_by_user_id')
      table.dropColumn('proposed_at')
      table.dropColumn('approval')
    })
  }
}
