/*
| Domain events: the registry and usage announce what happened without
| knowing who listens; the messaging module turns them into messages, and
| operations counts refusals for its metrics.
*/
import emitter from '@adonisjs/core/services/emitter'
import { countRefusal } from '#operations/services/metrics'

const HolderNotices = () => import('#messaging/listeners/holder_notices')

declare module '@adonisjs/core/types' {
  interface EventsList {
    'card:extended': { cardCode: string; validUntil: string }
    'use:cancelled_by_holder': { cardCode: string; useId: number }
    /** A registration refused; `reason` is the refusal's key, e.g. `ended`. */
    'use:refused': { reason: string }
  }
}

emitter.on('card:extended', [HolderNotices, 'cardExtended'])
emitter.on('use:cancelled_by_holder', [HolderNotices, 'ticketCancelled'])
emitter.on('use:refused', ({ reason }) => countRefusal(reason))
