import db from '@adonisjs/lucid/services/db'
import WellbeingResponse from '#surveys/models/wellbeing_response'
import { cardYearOf } from '#registry/services/holder_card'
import { FieldError } from '#core/services/field_error'
import { today } from '#core/services/time'
import {
  INSTRUMENTS,
  scalePoints,
  wordingIn,
  type Instrument,
  type InstrumentId,
} from '#surveys/services/instruments'
import { recordCardAnswers, type CardAnswers } from '#surveys/services/card_wellbeing'
import { AnswersRefused, wholeNumber } from '#surveys/services/answer_refusal'

/*
| WHO-5 and THL's participation indicator in OmaKaiku: offered to the holder
| of a card in use once per card year, each optional and skippable. The
| answers are linked to the card, like the answers given at the desk, and
| show only in summaries of five or more.
*/
export const HOLDER_INSTRUMENTS = ['who5', 'participation'] as const satisfies InstrumentId[]
export type HolderInstrument = (typeof HOLDER_INSTRUMENTS)[number]

/** The form field of an instrument's item (1-based). */
export const itemField = (id: InstrumentId, item: number) => `${id}_${item}`

/** Whether the questionnaires are open to this holder now, and what they answered this card year. */
export async function holderWellbeingStatus(cardCode: string) {
  return statusIn(await cardYearOf(cardCode))
}

async function statusIn(year: Awaited<ReturnType<typeof cardYearOf>>) {
  const answered = await WellbeingResponse.query()
    .where('card_id', year.id)
    .where('context', 'omakaiku')
    .where('answered_on', '>=', year.yearStartsOn.toISODate()!)
    .orderBy('id')
  return {
    inUse: year.inUse,
    // Once per card year: any answer this year closes both until the card is extended.
    due: year.inUse && answered.length === 0,
    answeredOn: answered[0]?.answeredOn ?? null,
    yearEndsOn: year.yearEndsOn,
  }
}

/** The items of one instrument from the form: all answered, none, or refused next to the first gap. */
function itemsOf(instrument: Instrument, form: Record<string, unknown>) {
  const values = instrument.items.map((_, index) =>
    wholeNumber(form[itemField(instrument.id, index + 1)])
  )
  const refusals: AnswersRefused['fields'] = {}
  values.forEach((value, index) => {
    const field = itemField(instrument.id, index + 1)
    const sent = form[field] !== undefined && form[field] !== null && form[field] !== ''
    // Something was sent that is not a point of the scale.
    if (sent && (value === null || value < instrument.scale.min || value > instrument.scale.max)) {
      refusals[field] = { key: 'surveys.wellbeing.off_scale' }
    }
  })
  const given = values.filter((value) => value !== null)
  if (given.length > 0 && given.length < values.length) {
    values.forEach((value, index) => {
      if (value === null) {
        refusals[itemField(instrument.id, index + 1)] ??= {
          key: 'surveys.wellbeing.answer_all',
          params: { count: values.length },
        }
      }
    })
  }
  return { values: given.length === values.length ? (values as number[]) : null, refusals }
}

/**
 * Saves what the holder answered. Refused: nothing answered, an instrument
 * half answered, a value off its scale, a card not in use, or a second
 * answer in the same card year (also when two submits race: the card year's
 * key is unique).
 */
export async function answerHolderWellbeing(cardCode: string, form: Record<string, unknown>) {
  const answers: CardAnswers = {}
  let refusals: AnswersRefused['fields'] = {}
  for (const id of HOLDER_INSTRUMENTS) {
    const { values, refusals: found } = itemsOf(INSTRUMENTS[id], form)
    refusals = { ...refusals, ...found }
    if (values) answers[id] = values
  }
  if (Object.keys(refusals).length) throw new AnswersRefused(refusals)
  if (!Object.keys(answers).length)
    throw new FieldError('form', 'surveys.wellbeing.nothing_answered')

  const year = await cardYearOf(cardCode)
  const status = await statusIn(year)
  if (!status.inUse) throw new FieldError('form', 'surveys.wellbeing.card_not_in_use')
  if (!status.due) throw new FieldError('form', 'surveys.wellbeing.already_answered')
  try {
    await db
      .connection('registry')
      .transaction((trx) =>
        recordCardAnswers(trx, year.id, 'omakaiku', today(), answers, (id) =>
          [year.id, id, year.yearEndsOn.toISODate()].join(':')
        )
      )
  } catch (error) {
    // A twin submit of the same card year got there first.
    const now = await statusIn(year)
    if (now.due) throw error
    throw new FieldError('form', 'surveys.wellbeing.already_answered')
  }
}

/** The two questionnaires as the OmaKaiku form shows them, in the page language. */
export function holderQuestionnaires(locale: string) {
  return HOLDER_INSTRUMENTS.map((id) => {
    const instrument = INSTRUMENTS[id]
    return {
      id,
      name: wordingIn(instrument.name, locale),
      instruction: instrument.instruction ? wordingIn(instrument.instruction, locale) : null,
      lead: instrument.lead ? wordingIn(instrument.lead, locale) : null,
      items: instrument.items.map((item, index) => ({
        field: itemField(id, index + 1),
        legend: wordingIn(item, locale),
      })),
      options: scalePoints(instrument).map((value) => ({
        value,
        label: `${value} – ${wordingIn(instrument.scale.labels[value], locale)}`,
      })),
    }
  })
}
