import { randomUUID } from 'node:crypto'
import { type DateTime } from 'luxon'
import Card from '#registry/models/card'
import CardEvent from '#registry/models/card_event'
import Organisation from '#registry/models/organisation'
import CardService from '#registry/services/card_service'
import type { StaffMember } from '#core/roles'
import { today, toSqlDateTime } from '#core/services/time'
import { cardWellbeing } from '#registry/services/wellbeing_port'

/*
| What OmaKaiku may learn from the registry, always for one card found by
| its code, and the few changes it may ask for. OmaKaiku never reads the
| registry's tables itself.
*/

/** A card a distributor user may create an OmaKaiku account for: one their organisation issued. */
export async function cardForActivation(staff: StaffMember, cardId: number) {
  const card = await Card.query()
    .where('id', cardId)
    .where('issuing_organisation_id', staff.organisationId ?? -1)
    .firstOrFail()
  return {
    id: card.id,
    code: card.code,
    state: card.stateOn(today()),
    // Who may come along: for a place booked or waited for on the holder's behalf.
    type: card.type,
    childrenCount: card.childrenCount,
  }
}

/** Marks (or, with null, unmarks) that the card has an OmaKaiku account. */
export async function recordOmaKaikuAccount(code: string, since: DateTime | null) {
  await Card.query()
    .where('code', code)
    .update({ omakaiku_account_at: since ? toSqlDateTime(since) : null })
}

/** The holder's card as OmaKaiku shows it: code, dates and state, nothing about the holder. */
export async function holderCard(code: string) {
  const card = await Card.query().where('code', code).preload('issuingOrganisation').firstOrFail()
  const state = card.stateOn(today())
  return {
    code: card.code,
    type: card.type,
    issuedOn: card.issuedOn,
    validUntil: card.validUntil,
    state,
    // Within a month of the end, the holder is told to ask their distributor to extend it.
    expiresSoon: state === 'valid' && card.validUntil.diff(today(), 'days').days <= 30,
    childrenCount: card.childrenCount,
    distributorName: card.issuingOrganisation.name,
    consentWithdrawn: card.consentWithdrawnAt !== null,
  }
}

/** Everything the registry holds about the card, for the holder's "my data" page and download. */
export async function registryDataOf(code: string) {
  const card = await Card.query().where('code', code).firstOrFail()
  const organisation = await Organisation.find(card.issuingOrganisationId)
  const [events, answers] = await Promise.all([
    CardEvent.query().where('card_id', card.id).orderBy('id'),
    cardWellbeing().answersOf(card.id),
  ])
  return {
    card: {
      code: card.code,
      type: card.type,
      communityRole: card.communityRole,
      issuingOrganisation: organisation?.name ?? null,
      issuedOn: card.issuedOn.toISODate(),
      validUntil: card.validUntil.toISODate(),
      status: card.status,
      endedOn: card.endedOn?.toISODate() ?? null,
      birthYear: card.birthYear,
      postalCode: card.postalCode,
      childrenCount: card.childrenCount,
      motherTongues: card.motherTongues,
      gender: card.gender,
      lifeSituation: card.lifeSituation,
      consentGivenAt: card.consentGivenAt?.toISO() ?? null,
      consentWithdrawnAt: card.consentWithdrawnAt?.toISO() ?? null,
      omakaikuAccountSince: card.omakaikuAccountAt?.toISO() ?? null,
    },
    events: events.map((event) => ({
      kind: event.kind,
      at: event.createdAt.toISO(),
      validUntilAfter: event.validUntilAfter?.toISODate() ?? null,
    })),
    wellbeingAnswers: answers.map((answer) => ({
      instrument: answer.instrument,
      rawScore: answer.rawScore,
      score: answer.score,
      context: answer.context,
      answeredOn: answer.answeredOn.toISODate(),
    })),
  }
}

/**
 * The holder withdraws their consent in OmaKaiku: the same change as a
 * distributor makes in the registry (background data and answers erased,
 * the card stops working), recorded in the card's history as the holder's.
 */
export async function withdrawConsentByHolder(code: string) {
  const card = await Card.query().where('code', code).firstOrFail()
  if (card.consentWithdrawnAt) return
  await new CardService().withdrawConsent(
    card,
    { revision: card.revision, submissionKey: randomUUID() },
    null
  )
}

/**
 * What the wellbeing questionnaires in OmaKaiku need of the card: its id (the
 * answers are linked to it), whether it is in use, and its card year — the
 * twelve months up to its current end date, which an extension moves on.
 */
export async function cardYearOf(code: string) {
  const card = await Card.query().where('code', code).firstOrFail()
  return {
    id: card.id,
    inUse: card.stateOn(today()) === 'valid' && !card.consentWithdrawnAt,
    yearStartsOn: card.validUntil.minus({ years: 1 }),
    yearEndsOn: card.validUntil,
  }
}
