/*
| Domain events: the registry and usage announce what happened without
| knowing who listens; the messaging module turns them into messages.
*/
import emitter from '@adonisjs/core/services/emitter'

const HolderNotices = () => import('#messaging/listeners/holder_notices')

declare module '@adonisjs/core/types' {
  interface EventsList {
    'card:extended': { cardCode: string; validUntil: string }
    'use:cancelled_by_holder': { cardCode: string; useId: number }
  }
}

emitter.on('card:extended', [HolderNotices, 'cardExtended'])
emitter.on('use:cancelled_by_holder', [HolderNotices, 'ticketCancelled'])
