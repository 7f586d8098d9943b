import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Card, { type CardType, type CommunityRole } from '#registry/models/card'
import CardEvent, { type CardEventKind } from '#registry/models/card_event'
import type User from '#registry/models/user'
import Organisation from '#registry/models/organisation'
import ReplacedCode from '#registry/models/replaced_code'
import { newFreeCode } from '#registry/services/printed_codes'
import { validUntilFor } from '#registry/services/card_validity'
import { today, toSqlDateTime } from '#core/services/time'
import { FieldError } from '#core/services/field_error'
import { oncePerSubmission } from '#core/services/one_time_form'
import { ERASED_BACKGROUND } from '#registry/services/card_background'
import { cardWellbeing } from '#registry/services/wellbeing_port'
import { printedCodeToRegister, type Issuer } from '#registry/services/printed_card_check'
import { codeFollowers } from '#registry/services/code_change_port'

/** Where a card's code comes from: a pre-printed card, or a new code made now. */
export type CodeChoice = { codeSource?: 'printed' | 'new'; code?: string | null }

/** The background data its issuing organisation may correct after issue. */
export const CORRECTABLE_FIELDS = [
  'childrenCount',
  'postalCode',
  'motherTongues',
  'gender',
  'lifeSituation',
] as const
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number]
export type CorrectCardInput = {
  revision: number
  submissionKey: string
  childrenCount: number
  postalCode: string
  motherTongues?: string[] | null
  gender?: Card['gender']
  lifeSituation?: Card['lifeSituation']
}

export type IssueCardInput = CodeChoice & {
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

/** A correction that changes nothing is not written (the history would say nothing). */
export class NothingCorrectedError extends FieldError {
  constructor() {
    super('form', 'cards.change.correct.nothing_changed')
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
    const issuer = { organisationId: organisation.id, areaId: organisation.areaId }

    return this.#withCode(input, issuer, input.type, (code) =>
      this.#create(code, input, organisation, issuedOn, validUntil, actor)
    )
  }

  async #create(
    code: (trx: TransactionClientContract) => Promise<string>,
    input: IssueCardInput,
    organisation: Organisation,
    issuedOn: DateTime,
    validUntil: DateTime,
    actor: User
  ) {
    return db.connection('registry').transaction(async (trx) => {
      const card = await Card.create(
        {
          code: await code(trx),
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

  /**
   * Runs an action that stores a card under a code: a printed one the issuer
   * may register, or a new one. Two desks registering the same printed card
   * at once both pass the check; the unique code refuses the second, which
   * then hears that the card is already registered.
   */
  async #withCode<T>(
    choice: CodeChoice,
    issuer: Issuer,
    cardType: CardType,
    action: (code: (trx: TransactionClientContract) => Promise<string>) => Promise<T>
  ): Promise<T> {
    if (choice.codeSource !== 'printed') return action((trx) => newFreeCode(trx))
    const check = (client?: TransactionClientContract) =>
      printedCodeToRegister(choice.code, issuer, cardType, client)
    await check()
    try {
      return await action((trx) => check(trx))
    } catch (error) {
      await check()
      throw error
    }
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
   * The issuing organisation corrects the background data (a child is born,
   * the holder moves). The history names the fields changed; their values
   * stay only in the card row. The box office reads the row, so a corrected
   * children count holds at once.
   */
  async correct(card: Card, input: CorrectCardInput, actor: User) {
    if (card.consentWithdrawnAt) throw new CardNotChangeableError()
    const after = {
      childrenCount: input.childrenCount,
      postalCode: input.postalCode,
      motherTongues: input.motherTongues ?? [],
      gender: input.gender ?? null,
      lifeSituation: input.lifeSituation ?? null,
    }
    const changed = CORRECTABLE_FIELDS.filter(
      (field) => JSON.stringify(card[field]) !== JSON.stringify(after[field])
    )
    if (changed.length === 0) {
      if (await this.findSubmitted(input.submissionKey)) return card
      throw new NothingCorrectedError()
    }
    return this.#change(
      card,
      input,
      actor,
      'corrected',
      {
        children_count: after.childrenCount,
        postal_code: after.postalCode,
        mother_tongues: after.motherTongues.length ? after.motherTongues.join(',') : null,
        gender: after.gender,
        life_situation: after.lifeSituation,
      },
      null,
      undefined,
      [...changed]
    )
  }

  /**
   * A lost card moves to a new code (a printed card of the issuer's area, or
   * a new code). The card keeps its row, so its validity, history and
   * wellbeing answers stay; its uses and the holder's OmaKaiku account follow
   * (code_change_port). The old code is kept in replaced_codes: the box
   * office then answers "this card has been replaced".
   */
  async replace(
    card: Card,
    input: CodeChoice & { revision: number; submissionKey: string },
    actor: User
  ) {
    const earlier = await this.findSubmitted(input.submissionKey)
    if (earlier) return this.#accountFollows(earlier)
    if (card.status !== 'active') throw new CardNotChangeableError()
    const organisation = await Organisation.findOrFail(card.issuingOrganisationId)
    const issuer = { organisationId: organisation.id, areaId: organisation.areaId }
    const oldCode = card.code
    const replaced = await this.#withCode(input, issuer, card.type, (code) =>
      this.#change(card, input, actor, 'replaced', {}, null, async (trx) => {
        const newCode = await code(trx)
        await trx.from('cards').where('id', card.id).update({ code: newCode })
        await trx
          .insertQuery()
          .table('replaced_codes')
          .insert({
            old_code: oldCode,
            card_id: card.id,
            replaced_at: toSqlDateTime(DateTime.utc()),
          })
        await codeFollowers().moveUses(trx, oldCode, newCode)
      })
    )
    return this.#accountFollows(replaced)
  }

  /**
   * Moves the holder's OmaKaiku account (another database, so after the
   * commit) from any of the card's old codes to its code now. Moving is
   * idempotent: a resent form repairs a move that failed after the commit.
   */
  async #accountFollows(card: Card) {
    const oldCodes = await ReplacedCode.query().where('card_id', card.id).select('old_code')
    for (const { oldCode } of oldCodes) await codeFollowers().moveAccount(oldCode, card.code)
    return card
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
    alsoDo?: (trx: TransactionClientContract) => Promise<void>,
    changedFields: string[] | null = null
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
            validUntilAfter ?? card.validUntil,
            changedFields
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
    validUntilAfter: DateTime | null,
    changedFields: string[] | null = null
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
        changedFields,
      },
      { client: trx }
    )
  }
}
