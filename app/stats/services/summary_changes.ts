import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { sameValue } from '#stats/services/sql_parts'

/*
| Which cards and uses the refresh writes facts for again
| (services/summary_refresh.ts), listed in two temporary tables,
| stat_changed_cards and stat_changed_uses:
| - cards and uses changed since the last refresh (updated_at; the app bumps
|   it on every change, retention's clearing of background data included);
| - the uses of changed cards (their background data, type or distributor
|   move the uses to other groups), and the cards of changed uses (a first
|   use makes a card "used"), as the raw rows and as the facts had them;
| - the uses of offers whose genre (or whose genre's place in the tree)
|   changed, found by comparing the facts' genre with the offer's;
| - the cards and uses of organisations whose area changed, found by
|   comparing the facts' area with the organisation's: other edits of an
|   organisation or an offer move nothing;
| - on a new day, the cards whose validity ended since the last refresh's
|   day ("valid now");
| - when asked (`deleted`; the first refresh of a day), the facts whose card
|   or use (or the use's card) is gone. The app never deletes either
|   (retention clears a card's background data instead), so this only
|   catches rows removed by hand; it looks every fact up by primary key,
|   some 20 seconds at national scale.
*/

export type ChangeWindow = {
  /** Rows changed at or after this moment (SQL, UTC) are looked at again. */
  since: string
  /** The day "valid now" was last counted for, and the day it is counted for now. */
  lastDay: string
  day: string
  deleted: boolean
}

async function createList(trx: TransactionClientContract, table: string, column: string) {
  const mysql = trx.dialect.name === 'mysql'
  await trx.rawQuery(
    mysql ? `DROP TEMPORARY TABLE IF EXISTS ${table}` : `DROP TABLE IF EXISTS temp.${table}`
  )
  await trx.rawQuery(
    mysql
      ? `CREATE TEMPORARY TABLE ${table} (${column} INT UNSIGNED NOT NULL, INDEX (${column}))`
      : `CREATE TEMP TABLE ${table} (${column} INTEGER NOT NULL)`
  )
}

const rowsOf = (trx: TransactionClientContract, result: any): any[] =>
  trx.dialect.name === 'mysql' ? result[0] : result

/** Organisations changed since the last refresh whose area is not the one their facts carry. */
async function movedOrganisations(trx: TransactionClientContract, since: string) {
  const otherArea = (facts: string, organisation: string, area: string) =>
    `EXISTS (SELECT 1 FROM ${facts} f WHERE f.${organisation} = o.id AND NOT (${sameValue(`f.${area}`, 'o.area_id')}))`
  const result = await trx.rawQuery(
    `SELECT o.id FROM organisations o WHERE o.updated_at >= ? AND (
       ${otherArea('stat_card_facts', 'organisation_id', 'area_id')}
       OR ${otherArea('stat_use_facts', 'venue_organisation_id', 'venue_area_id')}
       OR ${otherArea('stat_use_facts', 'card_organisation_id', 'card_area_id')})`,
    [since]
  )
  return rowsOf(trx, result).map((row) => Number(row.id))
}

/** Offers changed since the last refresh, or whose genre did. */
async function changedOffers(trx: TransactionClientContract, since: string) {
  const result = await trx.rawQuery(
    `SELECT o.id FROM offers o JOIN genres g ON g.id = o.genre_id
     WHERE o.updated_at >= ? OR g.updated_at >= ?`,
    [since, since]
  )
  return rowsOf(trx, result).map((row) => Number(row.id))
}

/** Fills stat_changed_cards and stat_changed_uses; returns how many of each. */
export async function listChanges(trx: TransactionClientContract, window: ChangeWindow) {
  await createList(trx, 'stat_changed_cards', 'card_id')
  await createList(trx, 'stat_changed_uses', 'use_id')
  const addCards = (select: string, bindings: string[] = []) =>
    trx.rawQuery(`INSERT INTO stat_changed_cards (card_id) ${select}`, bindings)
  const addUses = (select: string, bindings: string[] = []) =>
    trx.rawQuery(`INSERT INTO stat_changed_uses (use_id) ${select}`, bindings)
  const { since } = window
  const moved = await movedOrganisations(trx, since)
  const movedList = moved.join(', ')

  await addCards('SELECT id FROM cards WHERE updated_at >= ?', [since])
  if (moved.length) {
    await addCards(`SELECT id FROM cards WHERE issuing_organisation_id IN (${movedList})`)
    await addUses(`SELECT id FROM uses WHERE organisation_id IN (${movedList})`)
  }
  await addUses('SELECT id FROM uses WHERE updated_at >= ?', [since])
  await addUses(
    `SELECT u.id FROM uses u JOIN cards c ON c.code = u.card_code
     WHERE c.id IN (SELECT card_id FROM stat_changed_cards)`
  )
  const offers = await changedOffers(trx, since)
  if (offers.length) {
    await addUses(
      `SELECT u.id FROM uses u
       JOIN offers o ON o.id = u.offer_id
       JOIN genres g ON g.id = o.genre_id
       JOIN stat_use_facts f ON f.use_id = u.id
       WHERE u.offer_id IN (${offers.join(', ')}) AND f.genre_id <> COALESCE(g.parent_id, g.id)`
    )
  }
  if (window.deleted) {
    await addUses(
      `SELECT f.use_id FROM stat_use_facts f
       WHERE NOT EXISTS (SELECT 1 FROM uses u WHERE u.id = f.use_id)
         OR NOT EXISTS (SELECT 1 FROM cards c WHERE c.id = f.card_id)`
    )
    await addCards(
      'SELECT f.card_id FROM stat_card_facts f WHERE NOT EXISTS (SELECT 1 FROM cards c WHERE c.id = f.card_id)'
    )
  }
  await addCards(
    `SELECT c.id FROM uses u JOIN cards c ON c.code = u.card_code
     WHERE u.id IN (SELECT use_id FROM stat_changed_uses)`
  )
  await addCards(
    'SELECT f.card_id FROM stat_use_facts f WHERE f.use_id IN (SELECT use_id FROM stat_changed_uses)'
  )
  if (window.lastDay !== window.day) {
    const [from, until] = [window.lastDay, window.day].sort()
    await addCards('SELECT id FROM cards WHERE valid_until >= ? AND valid_until < ?', [from, until])
  }
  const count = async (table: string, column: string) => {
    const result = await trx.rawQuery(`SELECT COUNT(DISTINCT ${column}) AS n FROM ${table}`)
    return Number(rowsOf(trx, result)[0].n)
  }
  return {
    cards: await count('stat_changed_cards', 'card_id'),
    uses: await count('stat_changed_uses', 'use_id'),
  }
}
