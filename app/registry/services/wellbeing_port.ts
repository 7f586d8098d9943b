import type { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/*
| The card forms ask two one-item wellbeing questions (SWB at issue and
| extension, the impact statement at extension). The questions and their
| answers belong to `surveys`, which uses the registry; so that the registry
| does not use surveys back, it asks through this port, and surveys fills it
| at boot (start/ports.ts). Answers are stored and erased inside the card's
| own transaction.
*/
export type WellbeingQuestionId = 'swb' | 'impact'

/** A one-item question as the radio group of a card form (field name = id). */
export interface WellbeingQuestion {
  name: WellbeingQuestionId
  legend: string
  anchors: { min: string; max: string }
  options: { value: number; label: string }[]
}

/** An answer as the card page and the holder's data show it. */
export interface WellbeingAnswer {
  instrument: string
  /** The instrument's name by language. */
  name: Record<string, string>
  context: string
  answeredOn: DateTime
  rawScore: number
  score: number
  scoreMax: number
}

export type WellbeingValues = Partial<Record<WellbeingQuestionId, number | null>>

export interface CardWellbeing {
  question(id: WellbeingQuestionId, locale: string): WellbeingQuestion
  /** The scale a question's field accepts. */
  range(id: WellbeingQuestionId): [number, number]
  record(
    trx: TransactionClientContract,
    cardId: number,
    context: 'issue' | 'extension',
    answeredOn: DateTime,
    values: WellbeingValues
  ): Promise<void>
  erase(trx: TransactionClientContract, cardId: number): Promise<void>
  /** All answers for the holder's data; only the desk's for the card page. */
  answersOf(cardId: number, options?: { deskOnly?: boolean }): Promise<WellbeingAnswer[]>
}

let provider: CardWellbeing | undefined

export function provideCardWellbeing(implementation: CardWellbeing) {
  provider = implementation
}

export function cardWellbeing(): CardWellbeing {
  if (!provider) throw new Error('No module provides the card wellbeing questions (start/ports.ts)')
  return provider
}
