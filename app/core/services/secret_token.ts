import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { toSqlDateTime } from '#core/services/time'
import { rowsChanged } from '#core/services/rows_changed'

/*
| Single-use links sent by e-mail (password reset, invitation, OmaKaiku
| activation). Only the SHA-256 of the token is stored: a copy of the
| database gives no working link. A token table has token_hash, expires_at
| and used_at columns.
*/
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** A new random token and the hash to store for it. */
export function newSecretToken() {
  const token = randomBytes(32).toString('base64url')
  return { token, tokenHash: hashToken(token) }
}

/**
 * Makes an owner's unused links stop working, before a new one is issued:
 * only the newest link sent to a person works. Marked as used, so the page
 * of an old link answers like that of a spent one.
 */
export async function retireUnusedTokens(
  model: LucidModel,
  owner: { column: string; id: number },
  client?: TransactionClientContract
) {
  await model
    .query({ client })
    .where(owner.column, owner.id)
    .whereNull('used_at')
    .update({ used_at: toSqlDateTime(DateTime.utc()) })
}

/** The unused, unexpired row of a token table for a token, or null. */
export async function findUsableToken<Model extends LucidModel>(model: Model, token: string) {
  return model
    .query()
    .where('token_hash', hashToken(token))
    .whereNull('used_at')
    .where('expires_at', '>', toSqlDateTime(DateTime.utc()))
    .first() as Promise<InstanceType<Model> | null>
}

/**
 * Spends a token: true only for the one request that marked it used, so a
 * second use of the same link, or a simultaneous twin, gets false.
 */
export async function spendToken(model: LucidModel, id: number) {
  const spent = await model
    .query()
    .where('id', id)
    .whereNull('used_at')
    .update({ used_at: toSqlDateTime(DateTime.utc()) })
  return rowsChanged(spent) === 1
}
