import type { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RawQuery } from '@adonisjs/lucid/types/querybuilder'
import Card, { cardStateOn, type CardState, type CardType } from '#registry/models/card'
import ReplacedCode from '#registry/models/replaced_code'
import { today } from '#core/services/time'
import { plainFrom } from '#core/services/joined_models'
import { printedCodeOf } from '#registry/services/printed_codes'

export type { CardType } from '#registry/models/card'

/**
 * A card's state, or for a code no card holds: `replaced` (a lost card's old
 * code; the card lives on under a new code, which is not told here),
 * `not_registered` (printed in a live print run, waiting for a distributor to
 * register it), `cancelled` (printed in a run that was cancelled) or `unknown`.
 */
export type CardCheckStatus = CardState | 'unknown' | 'replaced' | 'not_registered' | 'cancelled'

/** What a venue or OmaKaiku may learn about a card: nothing about its holder. */
export type CardCheck = {
  status: CardCheckStatus
  type: CardType | null
  validUntil: DateTime | null
  childrenCount: number | null
}

/** A card's answer for any day, from one read: for a registration that learns its day under the lock it read the card in. */
export type CardOnDay = (on: DateTime) => CardCheck

/**
 * The registry's public answer to "does this card work?". Takes a code as
 * findCardCode (card_code_lookup.ts) answers it for what was typed or scanned
 * — today's code, or an imported old one the register holds — so a mistyped
 * code never gets this far, and a date, today by default: a use may be
 * registered after the event, for the event's date.
 */
export default class CardCheckService {
  async check(code: string, on: DateTime = today()): Promise<CardCheck> {
    // Only what the answer needs: a whole card is some twenty columns to read and convert.
    const card = await Card.query()
      .select(CHECKED.map((attribute) => Card.$getColumn(attribute)!.columnName))
      .where('code', code)
      .first()
    return (card ? answerFor(card) : await this.#noCard(code))(on)
  }

  /** The answer for a code no card holds: replaced, printed and waiting, cancelled or unknown. */
  async #noCard(code: string): Promise<CardOnDay> {
    // A replaced printed card is also in its print run: replaced comes first.
    const replaced = await ReplacedCode.findBy('old_code', code)
    const printed = replaced ? null : await printedCodeOf(code)
    const status = replaced
      ? 'replaced'
      : !printed
        ? 'unknown'
        : printed.cancelled
          ? 'cancelled'
          : 'not_registered'
    return () => ({ status, type: null, validUntil: null, childrenCount: null })
  }

  /**
   * The answer from a row of another module's statement that holds
   * `cardValues`; when no card holds the code, as `check` answers.
   */
  async fromRow(row: Record<string, unknown>, code: string): Promise<CardOnDay> {
    const held = row[`${CARD}status`] !== null && row[`${CARD}status`] !== undefined
    if (!held) return this.#noCard(code)
    return answerFor(plainFrom(Card, CHECKED, row, CARD))
  }
}

/** What a check reads of a card. */
const CHECKED = ['type', 'status', 'issuedOn', 'validUntil', 'childrenCount'] as const
/** Their prefix in another module's statement (`cardValues`). */
const CARD = 'card__'

function answerFor(card: Pick<Card, (typeof CHECKED)[number]>): CardOnDay {
  return (on) => ({
    status: cardStateOn(card, on),
    type: card.type,
    validUntil: card.validUntil,
    childrenCount: card.childrenCount,
  })
}

/**
 * What a check reads of the card, as values of another module's statement,
 * each `(subquery) as card__<column>`, for `fromRow`: a registration reads
 * them in its lock's statement, a round trip less. `where` is a condition
 * each subquery adds, with its bindings: the caller ties them to the row
 * its statement locks (see `targetStatement` in the offers module), so that
 * they are read after the lock, not before it.
 */
export function cardValues(
  code: string,
  client: QueryClientContract,
  where: { sql: string; bindings: (string | number)[] }
): RawQuery[] {
  return CHECKED.map((attribute) => {
    const column = Card.$getColumn(attribute)!.columnName
    return client.raw(
      `(SELECT ${column} FROM cards WHERE code = ? AND ${where.sql}) as ${CARD}${column}`,
      [code, ...where.bindings]
    )
  })
}

/** Codes looked up in one query at most: the bound values a statement may hold, with room to spare. */
const CODES_PER_QUERY = 1000

/**
 * The type of each card that holds one of the codes (codes as stored: a code
 * no card holds is left out), read with `client`. For imports of past uses,
 * which need a card to exist but not to work today.
 */
export async function cardTypesOf(
  codes: string[],
  client: QueryClientContract
): Promise<Map<string, CardType>> {
  const types = new Map<string, CardType>()
  const unique = [...new Set(codes)]
  for (let start = 0; start < unique.length; start += CODES_PER_QUERY) {
    // Rows, not models: a model read in a transaction listens for its end, and an
    // import's transaction would gather one listener per card.
    const cards = await client
      .from('cards')
      .whereIn('code', unique.slice(start, start + CODES_PER_QUERY))
      .select('code', 'type')
    for (const card of cards) types.set(card.code, card.type as CardType)
  }
  return types
}
