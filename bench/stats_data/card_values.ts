import { CARD_CODE_ALPHABET, CARD_CODE_LENGTH, checkCharacter } from '#registry/services/card_code'
import { FOREIGN_TONGUES, POSTAL_PREFIX, TWO_TONGUES } from './country.js'
import { CODE_PREFIX, type AreaPlan, type MunicipalityPlan } from './plan.js'
import { Weighted, type Random } from './random.js'

/* A card's code and its holder's background, drawn for each card. */

export const COMMUNITY_ROLES = ['worker', 'worker', 'volunteer', 'student', 'partner'] as const

/** The data set's card code number `index`: ZZ, six characters counting up, the check character. */
export function cardCode(index: number) {
  let data = ''
  let rest = index
  for (let position = CODE_PREFIX.length; position < CARD_CODE_LENGTH - 1; position++) {
    data = CARD_CODE_ALPHABET[rest % 32] + data
    rest = Math.floor(rest / 32)
  }
  data = CODE_PREFIX + data
  return data + checkCharacter(data)
}

/** Age at issue, 16–90: most 25–64. */
const AGE_BANDS = new Weighted<[number, number]>([
  [[16, 17], 1.5],
  [[18, 24], 10],
  [[25, 34], 18],
  [[35, 44], 18],
  [[45, 54], 17],
  [[55, 64], 16],
  [[65, 74], 12],
  [[75, 90], 7.5],
])

export function cardAge(random: Random) {
  const [min, max] = AGE_BANDS.pick(random)
  return random.between(min, max)
}

export function childrenOf(random: Random, age: number) {
  const r = random.next()
  if (age < 25) return r < 0.85 ? 0 : r < 0.95 ? 1 : 2
  if (age < 45) return r < 0.55 ? 0 : r < 0.75 ? 1 : r < 0.9 ? 2 : r < 0.97 ? 3 : 4
  if (age < 60) return r < 0.7 ? 0 : r < 0.85 ? 1 : r < 0.95 ? 2 : 3
  return r < 0.88 ? 0 : r < 0.94 ? 1 : r < 0.98 ? 2 : 3
}

export function genderOf(random: Random) {
  const r = random.next()
  return r < 0.55 ? 'woman' : r < 0.95 ? 'man' : r < 0.96 ? 'other' : r < 0.99 ? 'not_given' : null
}

export function lifeSituationOf(random: Random, age: number) {
  const r = random.next()
  if (age < 25) {
    return r < 0.5
      ? 'student'
      : r < 0.75
        ? 'unemployed'
        : r < 0.85
          ? 'employed'
          : r < 0.9
            ? 'other'
            : null
  }
  if (age < 63) {
    return r < 0.45
      ? 'unemployed'
      : r < 0.65
        ? 'employed'
        : r < 0.7
          ? 'student'
          : r < 0.85
            ? 'other'
            : r < 0.88
              ? 'retired'
              : null
  }
  return r < 0.8 ? 'retired' : r < 0.85 ? 'other' : r < 0.88 ? 'employed' : null
}

export function motherTongues(random: Random, area: AreaPlan) {
  const r = random.next()
  if (r < 0.03) return null
  if (r < 0.05) return area.swedishShare > 0.2 ? 'fi,sv' : random.pick(TWO_TONGUES)
  const s = random.next()
  if (s < area.swedishShare) return 'sv'
  if (s < area.swedishShare + area.foreignShare) return FOREIGN_TONGUES.pick(random)
  if (area.name === 'Lappi' && random.chance(0.01)) return 'smi'
  return 'fi'
}

export function postalCode(random: Random, municipality: MunicipalityPlan) {
  const prefixes = POSTAL_PREFIX[municipality.name] ?? POSTAL_PREFIX[municipality.area.name] ?? null
  const prefix = prefixes ? random.pick(prefixes) : String(random.between(10, 99))
  return `${prefix}${random.int(10)}${random.int(10)}0`
}

export function clampScore(value: number) {
  return Math.max(0, Math.min(10, Math.round(value)))
}

/** A submission key in the shape of a UUID, counting up (so the unique index grows at its end). */
export function submissionKey(table: number, index: number) {
  return `beac${String(table).padStart(2, '0')}00-0000-4000-8000-${index.toString(16).padStart(12, '0')}`
}
