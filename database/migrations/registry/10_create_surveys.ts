import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Surveys (module `surveys`).
|
| Card-linked answers to the validated instruments (SWB and the impact
| statement at the distributor's desk, WHO-5 and the participation indicator
| in OmaKaiku): one response per instrument and occasion, its items, and the
| raw score. They replace `wellbeing_answers`, whose rows are carried over.
|
| Anonymous and partner surveys: the survey, its questions, the responses and
| their answers. An anonymous response has no card, no organisation, no
| time of day and no address: only the date it came. A partner response is
| an organisation's, once per survey.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('wellbeing_responses', (table) => {
      table.increments('id')
      table.integer('card_id').unsigned().notNullable().references('cards.id').onDelete('CASCADE')
      // swb | impact | who5 | participation (app/surveys/services/instruments.ts)
      table.string('instrument', 16).notNullable()
      // issue | extension | omakaiku
      table.string('context', 10).notNullable()
      table.date('answered_on').notNullable()
      // The sum of the item answers on the instrument's own scale.
      table.smallint('raw_score').notNullable()
      // OmaKaiku answers: card, instrument and card period, so that a second answer fails.
      table.string('once_key', 60).nullable().unique()
      table.timestamp('created_at').notNullable()
      table.index(['card_id', 'instrument'])
      table.index(['instrument', 'answered_on'])
    })

    this.schema.createTable('wellbeing_items', (table) => {
      table
        .integer('response_id')
        .unsigned()
        .notNullable()
        .references('wellbeing_responses.id')
        .onDelete('CASCADE')
      // 1-based, in the instrument's order
      table.smallint('item').notNullable()
      table.smallint('value').notNullable()
      table.primary(['response_id', 'item'])
    })

    // Each earlier answer becomes a one-item response with the same id.
    this.defer(async (db) => {
      await db.rawQuery(
        `INSERT INTO wellbeing_responses (id, card_id, instrument, context, answered_on, raw_score, created_at)
         SELECT id, card_id, instrument, context, answered_on, value, created_at FROM wellbeing_answers`
      )
      await db.rawQuery(
        `INSERT INTO wellbeing_items (response_id, item, value) SELECT id, 1, value FROM wellbeing_answers`
      )
    })
    this.schema.dropTable('wellbeing_answers')

    this.schema.createTable('surveys', (table) => {
      table.increments('id')
      // anonymous | partner
      table.string('kind', 10).notNullable()
      table.string('title', 150).notNullable()
      table.text('intro').nullable()
      // fi | sv | en: the language the author wrote the survey in
      table.string('language', 2).notNullable()
      // The area it belongs to; null for a national survey by an admin.
      table.integer('area_id').unsigned().nullable().references('areas.id')
      // Partner surveys: distributors | venues | all (organisations of the area)
      table.string('audience', 12).nullable()
      table.integer('created_by_user_id').unsigned().nullable()
      table.foreign('created_by_user_id').references('users.id').onDelete('SET NULL')
      // The random part of the public link of an anonymous survey.
      table.string('link_token', 32).nullable().unique()
      table.timestamp('opened_at').nullable()
      // Answers are taken until this moment (a partner survey's deadline is the end of its day).
      table.timestamp('closes_at').notNullable()
      table.timestamp('closed_at').nullable()
      table.string('submission_key', 36).notNullable().unique()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['kind', 'area_id'])
    })

    this.schema.createTable('survey_questions', (table) => {
      table.increments('id')
      table
        .integer('survey_id')
        .unsigned()
        .notNullable()
        .references('surveys.id')
        .onDelete('CASCADE')
      table.smallint('position').notNullable()
      // single | multiple | scale | text
      table.string('kind', 10).notNullable()
      table.string('text', 300).notNullable()
      // Choices of a single or multiple choice question, as a JSON list of strings.
      table.text('choices').nullable()
      // A scale question's ends and their labels.
      table.smallint('scale_min').nullable()
      table.smallint('scale_max').nullable()
      table.string('scale_min_label', 60).nullable()
      table.string('scale_max_label', 60).nullable()
      table.boolean('required').notNullable().defaultTo(false)
      table.index(['survey_id', 'position'])
    })

    this.schema.createTable('survey_responses', (table) => {
      table.increments('id')
      table
        .integer('survey_id')
        .unsigned()
        .notNullable()
        .references('surveys.id')
        .onDelete('CASCADE')
      // A partner survey's answering organisation; null for anonymous responses.
      table.integer('organisation_id').unsigned().nullable().references('organisations.id')
      table.date('answered_on').notNullable()
      table.string('submission_key', 36).notNullable().unique()
      table.unique(['survey_id', 'organisation_id'])
    })

    this.schema.createTable('survey_answers', (table) => {
      table.increments('id')
      table
        .integer('response_id')
        .unsigned()
        .notNullable()
        .references('survey_responses.id')
        .onDelete('CASCADE')
      table
        .integer('question_id')
        .unsigned()
        .notNullable()
        .references('survey_questions.id')
        .onDelete('CASCADE')
      // The chosen choice's index (one row per chosen choice), a scale value, or free text.
      table.smallint('choice').nullable()
      table.smallint('number').nullable()
      table.text('text').nullable()
      table.index(['question_id'])
      table.index(['response_id'])
    })

    this.schema.createTable('survey_reminders', (table) => {
      table.increments('id')
      table
        .integer('survey_id')
        .unsigned()
        .notNullable()
        .references('surveys.id')
        .onDelete('CASCADE')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.timestamp('sent_at').notNullable()
      table.index(['survey_id', 'organisation_id'])
    })
  }

  async down() {
    this.schema.dropTable('survey_reminders')
    this.schema.dropTable('survey_answers')
    this.schema.dropTable('survey_responses')
    this.schema.dropTable('survey_questions')
    this.schema.dropTable('surveys')
    this.schema.createTable('wellbeing_answers', (table) => {
      table.increments('id')
      table.integer('card_id').unsigned().notNullable().references('cards.id').onDelete('CASCADE')
      table.string('instrument', 10).notNullable()
      table.smallint('value').notNullable()
      table.string('context', 10).notNullable()
      table.date('answered_on').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['card_id'])
    })
    this.schema.dropTable('wellbeing_items')
    this.schema.dropTable('wellbeing_responses')
  }
}
