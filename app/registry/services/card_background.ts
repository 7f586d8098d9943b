/**
 * A card's background data as it is once erased: what consent withdrawal
 * clears at once and the retention clean-up clears from long-ended cards.
 */
export const ERASED_BACKGROUND = {
  birth_year: null,
  postal_code: null,
  children_count: 0,
  mother_tongues: null,
  gender: null,
  life_situation: null,
} as const
