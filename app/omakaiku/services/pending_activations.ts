import Account from '#omakaiku/models/account'

/*
| Activations a distributor started at the desk that the holder has not
| completed (no password set yet). The staff home page asks through its
| `holder_activation_port` (start/ports.ts): only card codes leave OmaKaiku,
| never a name or an address.
*/
const CHUNK = 500

/** Of the given card codes, those whose OmaKaiku account still waits for the holder. */
export async function pendingActivationCodes(codes: string[]): Promise<string[]> {
  const pending: string[] = []
  for (let start = 0; start < codes.length; start += CHUNK) {
    const accounts = await Account.query()
      .whereIn('card_code', codes.slice(start, start + CHUNK))
      .whereNull('activated_at')
      .select('card_code')
    pending.push(...accounts.map((account) => account.cardCode))
  }
  return pending.sort()
}
