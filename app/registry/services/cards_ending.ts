import Card from '#registry/models/card'
import Organisation from '#registry/models/organisation'
import { today } from '#core/services/time'

/*
| Cards whose validity ends this month (Finnish time), for the staff home
| page: a distributor extends them, a coordinator sees how many there are in
| the area. Codes and dates only, never anything about the holder.
*/
export type CardEnding = { id: number; code: string; validUntil: string }

function thisMonth() {
  const day = today()
  return { from: day.startOf('month').toISODate()!, to: day.endOf('month').toISODate()! }
}

const endingThisMonth = () => {
  const { from, to } = thisMonth()
  return Card.query()
    .where('status', 'active')
    .where('valid_until', '>=', from)
    .where('valid_until', '<=', to)
}

/** The organisation's cards in use whose last day falls in this month, the soonest first. */
export async function cardsEndingThisMonth(organisationId: number): Promise<CardEnding[]> {
  const cards = await endingThisMonth()
    .where('issuing_organisation_id', organisationId)
    .orderBy('valid_until')
    .orderBy('code')
    .select('id', 'code', 'valid_until')
  return cards.map((card) => ({
    id: card.id,
    code: card.code,
    validUntil: card.validUntil.toISODate()!,
  }))
}

/** How many cards of the area's organisations end this month. */
export async function cardsEndingThisMonthInArea(areaId: number) {
  const [row] = await endingThisMonth()
    .whereIn('issuing_organisation_id', Organisation.query().select('id').where('area_id', areaId))
    .count('* as total')
  return Number(row.$extras.total)
}

/**
 * The organisation's cards in use that have an OmaKaiku account (the
 * registry knows only that one was made, `omakaiku_account_at`): OmaKaiku
 * tells which of them the holder has not activated yet.
 */
export async function cardsWithOmaKaikuAccount(organisationId: number) {
  const cards = await Card.query()
    .where('issuing_organisation_id', organisationId)
    .where('status', 'active')
    .whereNotNull('omakaiku_account_at')
    .orderBy('code')
    .select('id', 'code')
  return cards.map((card) => ({ id: card.id, code: card.code }))
}
