/*
| The network directory shows how many offers a venue has on the public
| list now. Offers belong to `offers`, which uses the registry; so that the
| registry does not use offers back, it asks through this port, and offers
| fills it at boot (start/ports.ts).
*/
export type PublicOfferCounts = (venueIds: number[]) => Promise<Map<number, number>>

let provider: PublicOfferCounts | undefined

export function providePublicOfferCounts(implementation: PublicOfferCounts) {
  provider = implementation
}

/** The number of offers on the public list today, per venue (absent: none). */
export function publicOfferCounts(venueIds: number[]) {
  if (!provider) throw new Error('No module provides the public offer counts (start/ports.ts)')
  return venueIds.length ? provider(venueIds) : Promise.resolve(new Map<number, number>())
}
