import { readFile } from 'node:fs/promises'
import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| The national list of municipalities (issue 21, pop-up venues): every
| municipality of Finland from database/data/municipalities.json, with its
| Statistics Finland code and Swedish name. A municipality of a Kaikukortti
| area keeps its area and status; the others have neither, and a pop-up
| venue outside every area places its offers in them. A municipality already
| in the register under the same name gets its code and Swedish name.
*/
type MunicipalitySeed = { code: string; fi: string; sv: string }

export default class extends BaseSchema {
  /*
  | SQLite changes a column by copying the table; Knex turns foreign key
  | checks off for the copy, which SQLite allows only outside a transaction
  | (organisations and offers point at municipalities).
  */
  static disableTransactions = true

  async up() {
    this.schema.alterTable('municipalities', (table) => {
      table.integer('area_id').unsigned().nullable().alter()
      table.string('status', 10).nullable().alter()
      // Statistics Finland's three-digit code, e.g. 091 for Helsinki.
      table.string('code', 3).nullable().unique()
      table.string('name_sv', 100).nullable()
    })

    this.defer(async (db) => {
      const file = new URL('../../data/municipalities.json', import.meta.url)
      const { municipalities } = JSON.parse(await readFile(file, 'utf8')) as {
        municipalities: MunicipalitySeed[]
      }
      // The text form both engines store timestamps in.
      const now = new Date().toISOString().slice(0, 19).replace('T', ' ')
      const rows: { name: string }[] = await db.from('municipalities').select('name')
      const existing = new Set(rows.map((row) => row.name))
      for (const municipality of municipalities) {
        if (existing.has(municipality.fi)) {
          await db
            .from('municipalities')
            .where('name', municipality.fi)
            .update({ code: municipality.code, name_sv: municipality.sv })
          continue
        }
        await db.table('municipalities').insert({
          area_id: null,
          name: municipality.fi,
          name_sv: municipality.sv,
          code: municipality.code,
          status: null,
          created_at: now,
          updated_at: now,
        })
      }
    })
  }

  async down() {
    // Municipalities outside every area go unless an organisation or an offer is placed in one.
    this.defer(async (db) => {
      await db
        .from('municipalities')
        .whereNull('area_id')
        .whereNotIn(
          'id',
          db.from('organisations').whereNotNull('municipality_id').select('municipality_id')
        )
        .whereNotIn('id', db.from('offers').select('municipality_id'))
        .delete()
    })
    this.schema.alterTable('municipalities', (table) => {
      table.dropUnique(['code'])
      table.dropColumn('code')
      table.dropColumn('name_sv')
    })
  }
}
