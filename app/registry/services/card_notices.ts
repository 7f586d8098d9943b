import type { DateTime } from 'luxon'
import Card from '#registry/models/card'

/*
| Cards for the messaging module's notices, by code only: those coming to
| the end of their validity, and a distributor's own cardholders. Only cards
| with an OmaKaiku account can be reached at all, so only they are read.
*/
export type CardEnding = { code: string; validUntil: string; distributor: string }

/** Valid cards whose last day falls in [from, to] (calendar dates). */
export async function cardsEndingBetween(from: DateTime, to: DateTime): Promise<CardEnding[]> {
  const cards = await Card.query()
    .where('status', 'active')
    .whereNotNull('omakaiku_account_at')
    .whereBetween('valid_until', [from.toISODate()!, to.toISODate()!])
    .preload('issuingOrganisation')
  return cards.map((card) => ({
    code: card.code,
    validUntil: card.validUntil.toISODate()!,
    distributor: card.issuingOrganisation.name,
  }))
}

/** Each card's status and last valid day, by code, for checking a notice just before it is sent. */
export async function cardEndings(codes: string[]) {
  const cards = codes.length
    ? await Card.query().select('code', 'status', 'valid_until').whereIn('code', codes)
    : []
  return new Map(
    cards.map((card) => [
      card.code,
      { status: card.status, validUntil: card.validUntil.toISODate()! },
    ])
  )
}

/** The codes of the valid cards a distributor has issued that have an OmaKaiku account. */
export async function reachableCardCodesOf(organisationId: number): Promise<string[]> {
  const cards = await Card.query()
    .select('code')
    .where('issuing_organisation_id', organisationId)
    .where('status', 'active')
    .whereNotNull('omakaiku_account_at')
  return cards.map((card) => card.code)
}
