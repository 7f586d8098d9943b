import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { today } from '#core/services/time'

/*
| Whether an organisation is in the Kaikukortti network today: approved by
| the national centre (a coordinator's proposal is not, nor a declined one;
| docs/NETWORK.md), marked in use and not past its end date (the last day it
| takes part). Its staff may work and its offers are public only then; the
| cards it issued work regardless, since they are the holders'.
*/
export function inNetwork(
  organisation: { approval: string; active: boolean; endsOn: DateTime | null },
  on: DateTime = today()
) {
  return (
    organisation.approval === 'approved' &&
    Boolean(organisation.active) &&
    (organisation.endsOn === null || organisation.endsOn.toISODate()! >= on.toISODate()!)
  )
}

/** The ids of the organisations in the network today, as a subquery for `whereIn`. */
export function organisationsInNetwork() {
  return db
    .connection('registry')
    .from('organisations')
    .select('id')
    .where('approval', 'approved')
    .where('active', true)
    .where((end) => end.whereNull('ends_on').orWhere('ends_on', '>=', today().toISODate()!))
}
