import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { readAreas, readGenres } from './areas.js'
import { BulkLoader } from './bulk_loader.js'
import { writeCards } from './cards.js'
import { writeOrganisations } from './offers.js'
import { planOrganisations } from './organisations.js'
import type { Counts, Run } from './plan.js'
import { writeUses } from './uses.js'
import { report, writeUsers } from './users.js'

/*
| The order: places (areas from the database), organisations, offers and
| shows, cards with their history and answers, uses, and the staff users.
*/
export async function generate(run: Run, registry: QueryClientContract) {
  const areas = await readAreas(run, registry)
  const genres = await readGenres(registry)
  const organisations = planOrganisations(run, areas)
  const nextId = async (table: string) => {
    const row = await registry.from(table).max('id as id').first()
    return Number(row?.id ?? 0) + 1
  }
  const counts: Counts = {}

  const places = new BulkLoader(registry, run.mysql)
  try {
    const shows = await writeOrganisations(run, places, organisations, genres, {
      organisation: await nextId('organisations'),
      offer: await nextId('offers'),
      occurrence: await nextId('occurrences'),
    })
    for (const table of places.tables) counts[table.name] = table.inserted
    const cards = await writeCards(run, registry, organisations, {
      card: await nextId('cards'),
      response: await nextId('wellbeing_responses'),
    })
    Object.assign(counts, cards.counts)
    const uses = await writeUses(run, registry, areas, cards, shows)
    counts.uses = uses.inserted
    const users = await writeUsers(registry, organisations, cards, uses)
    counts.users = users.length
    report(run, counts, cards, uses, users)
  } catch (error) {
    await places.abort()
    throw error
  }
}
