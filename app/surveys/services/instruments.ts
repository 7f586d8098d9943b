import { IMPACT, PARTICIPATION, SWB, WHO5 } from '#surveys/services/instrument_definitions'

/*
| The validated wellbeing instruments, as data: each one's wording in
| Finnish, Swedish and English, its original scale and the direction of that
| scale, and how its authors score it (the four definitions, and where their
| wording comes from: services/instrument_definitions.ts). Pages, forms,
| validation, storage and results all read these definitions; nothing else
| defines a question.
*/

export const LANGUAGES = ['fi', 'sv', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export type Wording = Record<Language, string>

export const INSTRUMENT_IDS = ['swb', 'impact', 'who5', 'participation'] as const
export type InstrumentId = (typeof INSTRUMENT_IDS)[number]

/** Where a card-linked answer was given: at the distributor's desk, or in OmaKaiku. */
export type AnswerContext = 'issue' | 'extension' | 'omakaiku'

export type Instrument = {
  id: InstrumentId
  name: Wording
  /** Shown above the items; for WHO-5 and the participation indicator, the lead-in. */
  instruction: Wording | null
  /** Words that lead into every item ("Over the last two weeks"), where the original has them. */
  lead?: Wording
  items: Wording[]
  /** Every item uses the same scale. */
  scale: {
    min: number
    max: number
    /** Labels for the points that have one (all points, or only the ends). */
    labels: Record<number, Wording>
    /** Whether a higher answer means more wellbeing (true) or less (false). */
    higherIsBetter: boolean
  }
  /** The instrument's headline score and its range, from the item answers (in item order). */
  score: { min: number; max: number; unit: Wording; of: (raw: number) => number }
}

export const INSTRUMENTS: Record<InstrumentId, Instrument> = {
  swb: SWB,
  impact: IMPACT,
  who5: WHO5,
  participation: PARTICIPATION,
}

export function wordingIn(wording: Wording, locale: string) {
  return wording[(LANGUAGES as readonly string[]).includes(locale) ? (locale as Language) : 'fi']
}

/** The scale's points in the order the form shows them: as the original lists them. */
export function scalePoints(instrument: Instrument) {
  const points = []
  for (let value = instrument.scale.min; value <= instrument.scale.max; value++) points.push(value)
  // WHO-5's sheet runs from "all of the time" (5) down to "at no time" (0).
  return instrument.id === 'who5' ? points.reverse() : points
}

/** An answer outside an instrument's scale, or the wrong number of answers. */
export class OutOfScaleError extends Error {
  constructor(
    public instrument: InstrumentId,
    public item: number
  ) {
    super(`Answer to ${instrument} item ${item + 1} is outside its scale`)
  }
}

/** Checks a full set of item answers against the instrument's scale. */
export function assertOnScale(instrument: Instrument, values: number[]) {
  if (values.length !== instrument.items.length) {
    throw new OutOfScaleError(instrument.id, Math.min(values.length, instrument.items.length))
  }
  values.forEach((value, item) => {
    if (!Number.isInteger(value) || value < instrument.scale.min || value > instrument.scale.max) {
      throw new OutOfScaleError(instrument.id, item)
    }
  })
}

/**
 * Scores one response as the instrument's authors define it: the raw score
 * (the sum of the item answers on the original scale) and the headline score.
 */
export function scoreOf(instrument: Instrument, values: number[]) {
  assertOnScale(instrument, values)
  const raw = values.reduce((total, value) => total + value, 0)
  return { raw, score: instrument.score.of(raw) }
}
