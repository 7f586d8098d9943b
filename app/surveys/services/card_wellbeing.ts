import type { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type {
  CardWellbeing,
  WellbeingQuestionId,
  WellbeingValues,
} from '#registry/services/wellbeing_port'
import WellbeingResponse from '#surveys/models/wellbeing_response'
import {
  INSTRUMENTS,
  scalePoints,
  scoreOf,
  wordingIn,
  type AnswerContext,
  type InstrumentId,
} from '#surveys/services/instruments'

/*
| The validated instruments as they are asked with a card: SWB at issue and
| extension and the impact statement at extension (at the distributor's
| desk), WHO-5 and the participation indicator in OmaKaiku. Each answer is
| stored as a response with its items and raw score, linked to the card and
| nothing else about the holder.
*/

/** Item answers by instrument; an instrument left out was not answered. */
export type CardAnswers = Partial<Record<InstrumentId, number[]>>

/** Stores the answers given (none is required) in the caller's transaction. */
export async function recordCardAnswers(
  trx: TransactionClientContract,
  cardId: number,
  context: AnswerContext,
  answeredOn: DateTime,
  answers: CardAnswers,
  onceKey: (instrument: InstrumentId) => string | null = () => null
) {
  for (const [id, values] of Object.entries(answers) as [InstrumentId, number[]][]) {
    const { raw } = scoreOf(INSTRUMENTS[id], values)
    const response = await WellbeingResponse.create(
      { cardId, instrument: id, context, answeredOn, rawScore: raw, onceKey: onceKey(id) },
      { client: trx }
    )
    await trx
      .insertQuery()
      .table('wellbeing_items')
      .multiInsert(
        values.map((value, index) => ({ response_id: response.id, item: index + 1, value }))
      )
  }
}

/** Erases every answer linked to a card (the holder withdrew their consent). */
export async function eraseCardAnswers(trx: TransactionClientContract, cardId: number) {
  await WellbeingResponse.query({ client: trx }).where('card_id', cardId).delete()
}

/**
 * A card's answers with their scores, oldest first: all of them for the
 * holder's own data; only those given at the distributor's desk for the
 * card page (what the holder answered in OmaKaiku is not the distributor's
 * to see).
 */
export async function cardAnswers(cardId: number, { deskOnly = false } = {}) {
  const query = WellbeingResponse.query().where('card_id', cardId).orderBy('id')
  if (deskOnly) query.whereIn('context', ['issue', 'extension'])
  const responses = await query
  return responses.map((response) => {
    const instrument = INSTRUMENTS[response.instrument]
    return {
      instrument: response.instrument,
      name: instrument.name,
      context: response.context,
      answeredOn: response.answeredOn,
      rawScore: response.rawScore,
      score: instrument.score.of(response.rawScore),
      scoreMax: instrument.score.max,
    }
  })
}

/**
 * A one-item instrument as a radio group of the card forms (field name =
 * instrument id): the question, its end labels as the hint, and its points.
 */
export function singleItemQuestion(id: WellbeingQuestionId, locale: string) {
  const instrument = INSTRUMENTS[id]
  const { min, max, labels } = instrument.scale
  return {
    name: id,
    legend: wordingIn(instrument.items[0], locale),
    anchors: {
      min: `${min} = ${wordingIn(labels[min], locale)}`,
      max: `${max} = ${wordingIn(labels[max], locale)}`,
    },
    options: scalePoints(instrument).map((value) => ({ value, label: String(value) })),
  }
}

/** The scale a one-item instrument's form field accepts. */
export function singleItemRange(id: WellbeingQuestionId): [number, number] {
  return [INSTRUMENTS[id].scale.min, INSTRUMENTS[id].scale.max]
}

/** The one-item questions that were answered (each is optional). */
function answered(values: WellbeingValues): CardAnswers {
  return Object.fromEntries(
    Object.entries(values).flatMap(([id, value]) =>
      typeof value === 'number' ? [[id, [value]]] : []
    )
  )
}

/** What the registry's card forms and card service ask of surveys (start/ports.ts). */
export const cardWellbeing: CardWellbeing = {
  question: singleItemQuestion,
  range: singleItemRange,
  record: (trx, cardId, context, answeredOn, values) =>
    recordCardAnswers(trx, cardId, context, answeredOn, answered(values)),
  erase: eraseCardAnswers,
  answersOf: cardAnswers,
}
