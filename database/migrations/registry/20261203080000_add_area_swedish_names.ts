import { BaseSchema } from '@adonisjs/lucid/schema'

/*
| Areas' Swedish names (issue 22): the Swedish interface says Österbotten,
| not Pohjanmaa. Filled for the areas named after a region (their official
| Swedish names) or after a municipality (its Swedish name from the national
| list); any other area keeps its Finnish name until an administrator gives
| it a Swedish one.
*/
const REGIONS: Record<string, string> = {
  'Ahvenanmaa': 'Åland',
  'Etelä-Karjala': 'Södra Karelen',
  'Etelä-Pohjanmaa': 'Södra Österbotten',
  'Etelä-Savo': 'Södra Savolax',
  'Itä-Uusimaa': 'Östra Nyland',
  'Kainuu': 'Kajanaland',
  'Kanta-Häme': 'Egentliga Tavastland',
  'Keski-Pohjanmaa': 'Mellersta Österbotten',
  'Keski-Suomi': 'Mellersta Finland',
  'Keski-Uusimaa': 'Mellersta Nyland',
  'Kymenlaakso': 'Kymmenedalen',
  'Lappi': 'Lappland',
  'Länsi-Uusimaa': 'Västra Nyland',
  'Päijät-Häme': 'Päijänne-Tavastland',
  'Pirkanmaa': 'Birkaland',
  'Pohjanmaa': 'Österbotten',
  'Pohjois-Karjala': 'Norra Karelen',
  'Pohjois-Pohjanmaa': 'Norra Österbotten',
  'Pohjois-Savo': 'Norra Savolax',
  'Ruotsi': 'Sverige',
  'Satakunta': 'Satakunta',
  'Uusimaa': 'Nyland',
  'Vantaan ja Keravan hyvinvointialue': 'Vanda och Kervo välfärdsområde',
  'Varsinais-Suomi': 'Egentliga Finland',
}

export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('areas', (table) => {
      table.string('name_sv', 100).nullable()
    })

    this.defer(async (db) => {
      for (const [fi, sv] of Object.entries(REGIONS)) {
        await db.from('areas').where('name', fi).update({ name_sv: sv })
      }
      const named: { name: string; name_sv: string }[] = await db
        .from('municipalities')
        .whereIn('name', db.from('areas').whereNull('name_sv').select('name'))
        .whereNotNull('name_sv')
        .select('name', 'name_sv')
      for (const municipality of named) {
        await db
          .from('areas')
          .where('name', municipality.name)
          .whereNull('name_sv')
          .update({ name_sv: municipality.name_sv })
      }
    })
  }

  async down() {
    this.schema.alterTable('areas', (table) => {
      table.dropColumn('name_sv')
    })
  }
}
