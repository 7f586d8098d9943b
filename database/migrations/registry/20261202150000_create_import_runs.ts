import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Import runs (module `imports`): one file checked (a dry run) or imported.
| The report keeps the row, the column and the reason of each refusal,
| never the value: a refused value may be anything, even someone's identity.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('import_runs', (table) => {
      table.increments('id')
      // organisations | users | cards | uses | yearly_totals
      table.string('kind', 20).notNullable()
      table.boolean('dry_run').notNullable()
      // The file's name as uploaded and where it waits (under storage/imports).
      table.string('uploaded_as', 255).notNullable()
      table.string('stored_file', 100).nullable()
      // queued | running | done | refused | failed
      table.string('status', 10).notNullable()
      table.integer('rows_total').unsigned().nullable()
      table.integer('rows_done').unsigned().notNullable().defaultTo(0)
      table.integer('added').unsigned().notNullable().defaultTo(0)
      table.integer('updated').unsigned().notNullable().defaultTo(0)
      table.integer('skipped').unsigned().notNullable().defaultTo(0)
      table.integer('refused').unsigned().notNullable().defaultTo(0)
      // A problem with the whole file (encoding, identity column…): a reason key and its values.
      table.string('file_problem', 40).nullable()
      table.text('file_problem_params').nullable()
      // The dry run a real run was started from; unique, so a double submit imports once.
      table.integer('checked_run_id').unsigned().nullable().unique()
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('finished_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['created_at'])
    })
    this.schema.createTable('import_refusals', (table) => {
      table.increments('id')
      table
        .integer('import_run_id')
        .unsigned()
        .notNullable()
        .references('import_runs.id')
        .onDelete('CASCADE')
      table.integer('row').unsigned().notNullable()
      table.string('column', 60).nullable()
      table.string('reason', 60).notNullable()
      table.text('params').nullable()
      table.index(['import_run_id', 'row'])
    })
  }

  async down() {
    this.schema.dropTable('import_refusals')
    this.schema.dropTable('import_runs')
  }
}
