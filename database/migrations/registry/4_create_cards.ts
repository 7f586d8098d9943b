import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| A card is a code and its background data. There is deliberately no column
| for a name, identity number, phone, e-mail or address: the registry cannot
| hold them (tests/functional/registry/schema_privacy.spec.ts).
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('cards', (table) => {
      table.increments('id')
      table.string('code', 9).notNullable().unique()
      // personal | community
      table.string('type', 10).notNullable()
      // community cards: worker | volunteer | student | partner
      table.string('community_role', 10).nullable()
      table
        .integer('issuing_organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
      table.date('issued_on').notNullable()
      table.date('valid_until').notNullable()
      // active | ended | withdrawn
      table.string('status', 10).notNullable()
      table.date('ended_on').nullable()
      table.smallint('birth_year').nullable()
      table.string('postal_code', 5).nullable()
      table.smallint('children_count').notNullable().defaultTo(0)
      // ISO 639-1 codes, comma separated: "fi,so"
      table.string('mother_tongues', 40).nullable()
      // man | woman | other | not_given
      table.string('gender', 10).nullable()
      // employed | unemployed | student | retired | other
      table.string('life_situation', 12).nullable()
      table.timestamp('consent_given_at').nullable()
      table.timestamp('consent_withdrawn_at').nullable()
      // Bumped on every change; a form carries it to refuse stale submits.
      table.integer('revision').notNullable().defaultTo(1)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['issuing_organisation_id', 'issued_on'])
    })

    this.schema.createTable('card_events', (table) => {
      table.increments('id')
      table.integer('card_id').unsigned().notNullable().references('cards.id').onDelete('CASCADE')
      // issued | extended | ended | withdrawn | consent_withdrawn
      table.string('kind', 20).notNullable()
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.integer('organisation_id').unsigned().nullable().references('organisations.id')
      table.date('valid_until_before').nullable()
      table.date('valid_until_after').nullable()
      // The form's one-time key: a double-clicked submit finds the first result.
      table.string('submission_key', 36).nullable().unique()
      table.timestamp('created_at').notNullable()
      table.index(['card_id'])
    })

    this.schema.createTable('wellbeing_answers', (table) => {
      table.increments('id')
      table.integer('card_id').unsigned().notNullable().references('cards.id').onDelete('CASCADE')
      // swb | impact
      table.string('instrument', 10).notNullable()
      table.smallint('value').notNullable()
      // issue | extension
      table.string('context', 10).notNullable()
      table.date('answered_on').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['card_id'])
    })
  }

  async down() {
    this.schema.dropTable('wellbeing_answers')
    this.schema.dropTable('card_events')
    this.schema.dropTable('cards')
  }
}
