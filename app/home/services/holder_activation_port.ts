/*
| The home page shows a distributor the OmaKaiku activations it started that
| the holder has not completed. Accounts live on the `omakaiku` connection,
| which nothing on the registry side may read; OmaKaiku fills this port at
| boot (start/ports.ts) with a function that answers card codes only.
*/
export type PendingActivations = (codes: string[]) => Promise<string[]>

let provider: PendingActivations | undefined

export function providePendingActivations(implementation: PendingActivations) {
  provider = implementation
}

/** Of the given card codes, those whose OmaKaiku activation waits for the holder. */
export function pendingActivationsOf(codes: string[]) {
  if (!provider) throw new Error('No module provides the pending activations (start/ports.ts)')
  return codes.length ? provider(codes) : Promise.resolve([])
}
