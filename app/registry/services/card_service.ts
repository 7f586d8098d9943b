import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Card, { type CardType, type CommunityRole } from '#registry/models/card'
import CardEvent, { type CardEventKind } from '#registry/models/card_event'
import type User from '#registry/models/user'
import Organisation from '#registry/models/organisation'
import { newFreeCode } from '#registry/services/printed_codes'
import { validUntilFor } from '#registry/services/card_validity'
import { today, toSqlDateTime } from '#core/services/time'
import { FieldError } from '#core/services/field_error'
import { oncePerSubmission } from '#core/services/one_time_form'
import { ERASED_BACKGROUND } from '#registry/services/card_background'
import { cardWellbeing } from '#registry/services/wellbeing_port'

export type IssueCardInput = {
  type: CardType
  communityRole?: CommunityRole | null
  birthYear: number
  postalCode: string
  childrenCount: number
  motherTongues?: string[] | null
  gender?: Card['gender']
  lifeSituation?: Card['lifeSituation']
  swb?: number | null
  submissionKey: string
}

/*
| Refusals that concern the whole form rather than one field (`form` in the
| error summary).
*/
/** A card change refused because the form was older than the card. */
export class StaleCardError extends FieldError {
  constructor() {
    super('form', 'cards.stale_form')
  }
}
/** The issuing organisation's area has a pilot that has already ended. */
export class PilotEndedError extends FieldError {
  constructor() {
    super('form', 'cards.pilot_ended')
  }
}
/** The change does not apply to a card in this state (for example ended). */
export class CardNotChangeableError extends FieldError {
  constructor() {
    super('form', 'cards.not_changeable')
  }
}

/**
 * Issues, extends, ends and withdraws cards. Every change writes a history
 * event in the same transaction, and every form carries a one-time
 * submission key, so a double-clicked submit changes the card once.
 */
export default class CardService {
  /** The card a submission key already produced, if the form was sent before. */
  async findSubmitted(submissionKey: string): Promise<Card | null> {
    const event = await CardEvent.findBy('submission_key', submissionKey)
    return event ? Card.find(event.cardId) : null
  }

  async issue(input: IssueCardInput, actor: User): Promise<Card> {
    return oncePerSubmission(
      () => this.findSubmitted(input.submissionKey),
      () => this.#issue(input, actor)
    )
  }

  async #issue(input: IssueCardInput, actor: User): Promise<Card> {
    const organisation = await Organisation.query()
      .where('id', actor.organisationId!)
      .preload('area')
      .firstOrFail()
    const issuedOn = today()
    const validUntil = validUntilFor(issuedOn, organisation.area ?? null)
    if (!validUntil) throw new PilotEndedError()

    return db.connection('registry').transaction(async (trx) => {
      const card = await Card.create(
        {
          code: await newFreeCode(trx),
          type: input.type,
          communityRole: input.type === 'community' ? (input.communityRole ?? null) : null,
          issuingOrganisationId: organisation.id,
          issuedOn,
          validUntil,
          status: 'active',
          birthYear: input.birthYear,
          postalCode: input.postalCode,
          childrenCount: input.childrenCount,
          motherTongues: input.motherTongues ?? [],
          gender: input.gender ?? null,
          lifeSituation: input.lifeSituation ?? null,
          consentGivenAt: DateTime.utc(),
          revision: 1,
        },
        { client: trx }
      )
      await this.#record(trx, card, actor, 'issued', input.submissionKey, null, validUntil)
      await cardWellbeing().record(trx, card.id, 'issue', issuedOn, { swb: input.swb })
      return card
    })
  }

  /** Renews the same card for another period; asks SWB and impact again. */
  async extend(
    card: Card,
    input: { revision: number; submissionKey: string; swb?: number | null; impact?: number | null },
    actor: User
  ) {
    if (card.status !== 'active') throw new CardNotChangeableError()
    const organisation = await Organisation.query()
      .where('id', card.issuingOrganisationId)
      .preload('area')
      .firstOrFail()
    const start = today()
    const validUntil = validUntilFor(start, organisation.area ?? null)
    if (!validUntil) throw new PilotEndedError()

    const extended = await this.#change(
      card,
      input,
      actor,
      'extended',
      { valid_until: validUntil.toISODate() },
      validUntil,
      async (trx) => {
        const answers = { swb: input.swb, impact: input.impact }
        await cardWellbeing().record(trx, card.id, 'extension', start, answers)
      }
    )
    // Listeners (messaging) learn of it after the change is saved.
    await emitter.emit('card:extended', {
      cardCode: extended.code,
      validUntil: extended.validUntil.toISODate()!,
    })
    return extended
  }

  /** Ends the card's validity today; it then fails at every venue. */
  async end(card: Card, input: { revision: number; submissionKey: string }, actor: User) {
    if (card.status !== 'active') throw new CardNotChangeableError()
    return this.#change(card, input, actor, 'ended', {
      status: 'ended',
      ended_on: today().toISODate(),
    })
  }

  /** Takes the card out of use (lost, given up, misused). */
  async withdraw(card: Card, input: { revision: number; submissionKey: string }, actor: User) {
    if (card.status === 'withdrawn') throw new CardNotChangeableError()
    return this.#change(card, input, actor, 'withdrawn', {
      status: 'withdrawn',
      ended_on: card.endedOn?.toISODate() ?? today().toISODate(),
    })
  }

  /**
   * The holder withdraws consent: the background data and wellbeing answers
   * are erased, and the card stops working. What remains is documented in
   * docs/DATA_PROTECTION.md: the code, type, issuing organisation, dates and
   * status, so that past uses still count in totals without describing anyone.
   */
  async withdrawConsent(
    card: Card,
    input: { revision: number; submissionKey: string },
    actor: User | null
  ) {
    if (card.consentWithdrawnAt) throw new CardNotChangeableError()
    return this.#change(
      card,
      input,
      actor,
      'consent_withdrawn',
      {
        status: 'withdrawn',
        ended_on: card.endedOn?.toISODate() ?? today().toISODate(),
        ...ERASED_BACKGROUND,
        consent_withdrawn_at: toSqlDateTime(DateTime.utc()),
      },
      null,
      async (trx) => {
        await cardWellbeing().erase(trx, card.id)
      }
    )
  }

  /**
   * Applies a change only if the card is still at the revision the form was
   * opened at; otherwise someone changed it meanwhile and nothing is written.
   */
  async #change(
    card: Card,
    input: { revision: number; submissionKey: string },
    actor: User | null,
    kind: CardEventKind,
    columns: Record<string, unknown>,
    validUntilAfter: DateTime | null = null,
    alsoDo?: (trx: TransactionClientContract) => Promise<void>
  ): Promise<Card> {
    return oncePerSubmission(
      () => this.findSubmitted(input.submissionKey),
      async () => {
        await db.connection('registry').transaction(async (trx) => {
          const updated = await trx
            .from('cards')
            .where('id', card.id)
            .where('revision', input.revision)
            .update({
              ...columns,
              revision: input.revision + 1,
              updated_at: toSqlDateTime(DateTime.utc()),
            })
          if (Number(updated) !== 1) throw new StaleCardError()
          await this.#record(
            trx,
            card,
            actor,
            kind,
            input.submissionKey,
            card.validUntil,
            validUntilAfter ?? card.validUntil
          )
          if (alsoDo) await alsoDo(trx)
        })
        return Card.findOrFail(card.id)
      }
    )
  }

  async #record(
    trx: TransactionClientContract,
    card: Card,
    actor: User | null,
    kind: CardEventKind,
    submissionKey: string,
    validUntilBefore: DateTime | null,
    validUntilAfter: DateTime | null
  ) {
    await CardEvent.create(
      {
        cardId: card.id,
        kind,
        // No actor: the holder did it themselves, in OmaKaiku.
        userId: actor?.id ?? null,
        organisationId: actor?.organisationId ?? null,
        validUntilBefore,
        validUntilAfter,
        submissionKey,
      },
      { client: trx }
    )
  }
}
