/*
| The waiting list belongs to `usage` (registry side); whether a holder can
| be reached and the message itself belong to `messaging` (OmaKaiku side),
| which uses usage. So usage asks through this port, and messaging fills it
| at boot (start/ports.ts). Only card codes cross it, never an address.
*/
export type WaitingOffer = {
  entryId: number
  cardCode: string
  occurrenceId: number
  expiresAt: string
}

export interface WaitingListReach {
  /** Of these cards, those whose holder opted in to the waiting-list offer by SMS or e-mail. */
  reachable(cardCodes: string[]): Promise<Set<string>>
  /** Queue the offers' messages (after the offers are committed). */
  offerMade(offers: WaitingOffer[]): Promise<void>
}

let provider: WaitingListReach | undefined

export function provideWaitingListReach(implementation: WaitingListReach) {
  provider = implementation
}

/** Without a provider (a console task that did not boot the ports) nobody is reachable. */
export function waitingListReach(): WaitingListReach {
  return (
    provider ?? {
      reachable: async () => new Set<string>(),
      offerMade: async () => {},
    }
  )
}
