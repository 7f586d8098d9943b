import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| The genre of the old register's events (issue 20, module `offers`): the
| old register did not record one. Imported uses belong to offers made for
| them (one per venue and event name) and every offer needs a genre; this
| one is never active, so no venue picks it for an offer of its own, and the
| statistics by genre show the old register's events as what they are.
| Its key marks an offer as made by the import (app/offers/services/historical_offers.ts).
*/
const GENRE = {
  key: 'old_register',
  name_fi: 'Vanhan rekisterin tapahtumat (laji ei tiedossa)',
  name_sv: 'Evenemang i det gamla registret (genren okänd)',
  name_en: 'Events from the old register (genre not known)',
}

export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      // Still there when rolled back while its offers were (down below).
      if (await db.from('genres').where('key', GENRE.key).first()) return
      const last = await db
        .from('genres')
        .whereNull('parent_id')
        .max('position as position')
        .first()
      // The text form both engines store timestamps in.
      const now = new Date().toISOString().slice(0, 19).replace('T', ' ')
      await db.table('genres').insert({
        ...GENRE,
        parent_id: null,
        position: Number(last?.position ?? 0) + 1,
        active: false,
        created_at: now,
        updated_at: now,
      })
    })
  }

  async down() {
    // Kept while offers of the old register's events still have it (they go with the offers table).
    this.defer(async (db) => {
      const genre = await db.from('genres').where('key', GENRE.key).select('id').first()
      if (!genre) return
      const offer = await db.from('offers').where('genre_id', genre.id).select('id').first()
      if (!offer) await db.from('genres').where('id', genre.id).delete()
    })
  }
}
