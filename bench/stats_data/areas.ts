import { readFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { isoDateFromRow } from '#core/services/time'
import { DAY_MS } from './calendar.js'
import { FOREIGN_SHARE, POPULATION, SWEDISH_SHARE } from './country.js'
import type { AreaPlan, Run } from './plan.js'
import { Random, STREAM, seedOf } from './random.js'

/*
| The places of the data set: the real areas and municipalities in the
| database, when each municipality joined, and the genres of the offers.
*/

/** The real areas and municipalities, from the database (or from areas.json if it has none). */
export async function readAreas(run: Run, registry: QueryClientContract): Promise<AreaPlan[]> {
  let areaRows = await registry
    .from('areas')
    .select('id', 'name', 'status', 'pilot_ends_on')
    .orderBy('id')
  if (!areaRows.length) {
    await loadAreas(run, registry)
    areaRows = await registry
      .from('areas')
      .select('id', 'name', 'status', 'pilot_ends_on')
      .orderBy('id')
  }
  const municipalityRows = await registry
    .from('municipalities')
    .select('id', 'name', 'area_id', 'status')
    .orderBy('id')
  const random = new Random(seedOf(run.seed, STREAM.place))
  const areas: AreaPlan[] = areaRows.map((row, index) => {
    const pilotEnd = isoDateFromRow(row.pilot_ends_on)
    return {
      index,
      id: Number(row.id),
      name: String(row.name),
      status: String(row.status),
      pilotEndsOn: pilotEnd ? Date.parse(pilotEnd) / DAY_MS : null,
      weight: 0,
      municipalities: [],
      distributors: [],
      venues: [],
      venueChoice: null,
      agent: null,
      swedishShare: SWEDISH_SHARE[String(row.name)] ?? 0.03,
      foreignShare: FOREIGN_SHARE[String(row.name)] ?? 0.07,
    }
  })
  const byId = new Map(areas.map((area) => [area.id, area]))
  for (const row of municipalityRows) {
    const area = byId.get(Number(row.area_id))
    // Only where cards are in use or piloted: nothing is issued in a coming municipality.
    if (!area || (row.status !== 'in_use' && row.status !== 'pilot')) continue
    const name = String(row.name)
    area.municipalities.push({
      id: Number(row.id),
      name,
      area,
      population: (POPULATION[name] ?? 4) * 1000,
      startDay: row.status === 'pilot' ? -1 : 0,
    })
    area.weight += (POPULATION[name] ?? 4) * 1000
  }
  const active = areas.filter((area) => area.municipalities.length)
  if (!active.length) {
    throw new Error('No municipality is in use or in a pilot: nothing to place the data set in')
  }

  /*
  | When each municipality joined: the biggest area from the very start,
  | about half of the others too and the rest in the first half of the
  | span; smaller municipalities later than their area's biggest one;
  | pilots within the last two years.
  */
  const span = run.today - run.spanStart
  const biggestArea = [...active].sort((a, b) => b.weight - a.weight)[0]
  for (const area of active) {
    const areaStart =
      area === biggestArea || random.chance(0.5)
        ? run.spanStart
        : run.spanStart + Math.floor(random.next() * 0.5 * span)
    const byPopulation = [...area.municipalities].sort((a, b) => b.population - a.population)
    for (const [rank, municipality] of byPopulation.entries()) {
      const pilot = municipality.startDay === -1
      const start = pilot
        ? Math.max(run.spanStart, run.today - random.between(200, 700))
        : rank === 0
          ? areaStart
          : areaStart + Math.floor(random.next() * random.next() * 0.6 * (run.today - areaStart))
      municipality.startDay = Math.min(start, run.today - 120)
    }
    // The biggest municipality opens the area.
    byPopulation[0].startDay = Math.min(...byPopulation.map((m) => m.startDay))
  }
  return areas
}

/** Areas and municipalities from database/data/areas.json, as the demo seeder adds them. */
async function loadAreas(run: Run, registry: QueryClientContract) {
  type AreaData = { name: string; municipalities: Record<string, string[] | undefined> }
  const raw = await readFile(app.makePath('database/data/areas.json'), 'utf8')
  const { areas } = JSON.parse(raw) as { areas: AreaData[] }
  const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
  run.log(`The registry has no areas: adding the ${areas.length} areas of database/data/areas.json`)
  await registry.transaction(async (trx) => {
    for (const data of areas) {
      const status = data.municipalities.in_use?.length
        ? 'in_use'
        : data.municipalities.pilot?.length
          ? 'pilot'
          : 'coming'
      await trx.table('areas').insert({
        name: data.name,
        status,
        pilot_ends_on: status === 'pilot' ? `${DateTime.now().year + 1}-12-31` : null,
        created_at: now,
        updated_at: now,
      })
      const area = await trx.from('areas').where('name', data.name).firstOrFail()
      for (const [municipalityStatus, names] of Object.entries(data.municipalities)) {
        for (const name of names ?? []) {
          // The national list (a migration) holds most of them already, outside every area.
          const listed = await trx.from('municipalities').where('name', name).first()
          if (listed) {
            await trx
              .from('municipalities')
              .where('id', listed.id)
              .update({ area_id: area.id, status: municipalityStatus, updated_at: now })
            continue
          }
          await trx.table('municipalities').insert({
            area_id: area.id,
            name,
            status: municipalityStatus,
            created_at: now,
            updated_at: now,
          })
        }
      }
    }
  })
}

/** The genres' ids by key. */
export async function readGenres(registry: QueryClientContract) {
  const rows = await registry.from('genres').select('id', 'key')
  if (!rows.length) throw new Error('The genres table is empty: run the registry migrations first')
  const byKey = new Map(rows.map((row) => [String(row.key), Number(row.id)]))
  const all = rows.map((row) => Number(row.id))
  return { byKey, all }
}
