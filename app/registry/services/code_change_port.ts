import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/*
| A lost card moves to a new code. What other modules keep under the card's
| code must follow: usage's uses (same connection: moved inside the card's
| own transaction, so the roster never shows the uses under a code that no
| longer exists) and the holder's OmaKaiku account (another database: moved
| right after the commit). The registry may not use those modules, so it
| asks through this port; start/ports.ts fills it at boot.
*/
export interface CodeFollowers {
  moveUses(trx: TransactionClientContract, oldCode: string, newCode: string): Promise<void>
  moveAccount(oldCode: string, newCode: string): Promise<void>
}

let followers: CodeFollowers | null = null

export function provideCodeFollowers(implementation: CodeFollowers) {
  followers = implementation
}

export function codeFollowers(): CodeFollowers {
  if (!followers) throw new Error('The card code followers are not provided (start/ports.ts)')
  return followers
}
