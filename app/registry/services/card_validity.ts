import type { DateTime } from 'luxon'
import type Area from '#registry/models/area'

/**
 * A card is valid 12 months from the day it is issued or extended. In a
 * pilot area it is valid until the pilot ends, if that comes sooner.
 * Returns null when the pilot has already ended: no card can be issued then.
 */
export function validUntilFor(start: DateTime, area: Area | null): DateTime | null {
  const yearLater = start.plus({ years: 1 })
  if (area?.status !== 'pilot' || !area.pilotEndsOn) return yearLater
  const pilotEnd = area.pilotEndsOn.toISODate()!
  if (pilotEnd < start.toISODate()!) return null
  return pilotEnd < yearLater.toISODate()! ? area.pilotEndsOn : yearLater
}
