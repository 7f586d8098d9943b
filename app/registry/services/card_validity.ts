import type { DateTime } from 'luxon'
import type Area from '#registry/models/area'

/** How long a card is valid from the day it is issued or extended (outside a pilot). */
export const CARD_VALIDITY_MONTHS = 12

/**
 * A card is valid CARD_VALIDITY_MONTHS from the day it is issued or
 * extended. In a pilot area it is valid until the pilot ends, whether that
 * comes sooner or later ("kortti on voimassa kokeiluajan"). When an area
 * moves from pilot to in use its cards keep their dates; an extension then
 * gives the normal period. Returns null when the pilot has already ended: no
 * card can be issued or extended then.
 */
export function validUntilFor(start: DateTime, area: Area | null): DateTime | null {
  if (area?.status !== 'pilot' || !area.pilotEndsOn) {
    return start.plus({ months: CARD_VALIDITY_MONTHS })
  }
  if (area.pilotEndsOn.toISODate()! < start.toISODate()!) return null
  return area.pilotEndsOn
}
