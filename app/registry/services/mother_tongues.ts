/**
 * Mother tongues offered on the card form, by ISO 639 code: the national
 * languages and the languages most spoken as a first language in Finland
 * (Statistics Finland), and "other".
 */
export const MOTHER_TONGUES = [
  'fi',
  'sv',
  'smi',
  'ru',
  'et',
  'ar',
  'en',
  'so',
  'fa',
  'uk',
  'ku',
  'sq',
  'other',
] as const
export type MotherTongue = (typeof MOTHER_TONGUES)[number]

/** The most mother tongues a card records. */
export const MAX_MOTHER_TONGUES = 4
