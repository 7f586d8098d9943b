import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  ageBandOf,
  genderOf,
  lifeSituationOf,
  monthOf,
  motherTongueOf,
  yearMonthOf,
  yearOf,
} from '#stats/services/sql_parts'

/*
| The fact tables (database/migrations/registry/20261203133000_create_statistics_facts.ts):
| each card and each standing use as the summary tables count it, written
| from the raw rows for every card and use or for the ids in the refresh's
| lists of changed rows (services/summary_changes.ts). The summaries are
| groupings of these rows (services/summary_tables.ts).
*/

/** Which raw rows to write facts for: all, or the ids listed in a temporary table. */
export type FactScope = 'all' | 'changed'

/** A card's facts. "until": the last month the card was valid, or its end month if it ended earlier. */
function cardFacts(where: string) {
  return `INSERT INTO stat_card_facts (card_id, organisation_id, area_id, year, month, card_type,
       used, valid_now, issued_month, until_month, age, gender, mother_tongue, life_situation)
     SELECT c.id, c.issuing_organisation_id, o.area_id,
       ${yearOf('c.issued_on')}, ${monthOf('c.issued_on')}, c.type,
       CASE WHEN EXISTS (SELECT 1 FROM uses u WHERE u.card_code = c.code AND u.status = 'registered')
         THEN 1 ELSE 0 END,
       CASE WHEN c.status = 'active' AND c.valid_until >= ? THEN 1 ELSE 0 END,
       ${yearMonthOf('c.issued_on')},
       CASE WHEN c.status <> 'active' AND c.ended_on IS NOT NULL AND c.ended_on < c.valid_until
         THEN ${yearMonthOf('c.ended_on')} ELSE ${yearMonthOf('c.valid_until')} END,
       ${ageBandOf('c')}, ${genderOf('c')}, ${motherTongueOf('c')}, ${lifeSituationOf('c')}
     FROM cards c JOIN organisations o ON o.id = c.issuing_organisation_id
     WHERE ${where}`
}

/** A use counts when it stands: not cancelled, not a no-show. Genres by their top level. */
function useFacts(where: string) {
  return `INSERT INTO stat_use_facts (use_id, card_id, venue_organisation_id, venue_area_id,
       card_organisation_id, card_area_id, card_type, genre_id, offer_id, occurrence_id,
       year, month, places, children, gender, mother_tongue, life_situation)
     SELECT u.id, c.id, u.organisation_id, vo.area_id, c.issuing_organisation_id, co.area_id,
       c.type, COALESCE(g.parent_id, g.id), u.offer_id, u.occurrence_id,
       ${yearOf('u.used_on')}, ${monthOf('u.used_on')}, u.places, u.children_count,
       ${genderOf('c')}, ${motherTongueOf('c')}, ${lifeSituationOf('c')}
     FROM uses u
     JOIN cards c ON c.code = u.card_code
     JOIN organisations co ON co.id = c.issuing_organisation_id
     JOIN organisations vo ON vo.id = u.organisation_id
     JOIN offers f ON f.id = u.offer_id
     JOIN genres g ON g.id = f.genre_id
     WHERE u.status = 'registered' AND ${where}`
}

/**
 * Writes the facts of every card and use, or of those listed in
 * stat_changed_cards and stat_changed_uses (a listed row that is gone or no
 * longer stands loses its facts). `day` is the day "valid now" is counted for.
 */
export async function writeFacts(trx: TransactionClientContract, scope: FactScope, day: string) {
  if (scope === 'all') {
    await trx.from('stat_card_facts').delete()
    await trx.from('stat_use_facts').delete()
    await trx.rawQuery(cardFacts('1 = 1'), [day])
    await trx.rawQuery(useFacts('1 = 1'))
    return
  }
  await deleteListed(trx, 'stat_card_facts', 'card_id', 'stat_changed_cards')
  await deleteListed(trx, 'stat_use_facts', 'use_id', 'stat_changed_uses')
  await trx.rawQuery(cardFacts('c.id IN (SELECT card_id FROM stat_changed_cards)'), [day])
  await trx.rawQuery(useFacts('u.id IN (SELECT use_id FROM stat_changed_uses)'))
}

/**
 * Deletes the facts whose ids are listed. MariaDB reads a single-table
 * DELETE … IN (subquery) row by row over the whole table; a join starts from the list.
 */
async function deleteListed(
  trx: TransactionClientContract,
  facts: string,
  column: string,
  list: string
) {
  await trx.rawQuery(
    trx.dialect.name === 'mysql'
      ? `DELETE f FROM ${facts} f JOIN ${list} l ON l.${column} = f.${column}`
      : `DELETE FROM ${facts} WHERE ${column} IN (SELECT ${column} FROM ${list})`
  )
}

/**
 * Copies aside the facts of the listed cards and uses (stat_changed_cards,
 * stat_changed_uses) before they are written again: the groups they leave.
 */
export async function keepOldFacts(trx: TransactionClientContract) {
  for (const kind of ['card', 'use']) {
    await trx.rawQuery(
      trx.dialect.name === 'mysql'
        ? `DROP TEMPORARY TABLE IF EXISTS stat_old_${kind}_facts`
        : `DROP TABLE IF EXISTS temp.stat_old_${kind}_facts`
    )
    await trx.rawQuery(
      `CREATE TEMPORARY TABLE stat_old_${kind}_facts AS
       SELECT * FROM stat_${kind}_facts WHERE ${kind}_id IN (SELECT ${kind}_id FROM stat_changed_${kind}s)`
    )
  }
}
