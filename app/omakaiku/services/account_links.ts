import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import Account from '#omakaiku/models/account'
import AccountToken, { type TokenPurpose } from '#omakaiku/models/account_token'
import {
  findUsableToken,
  newSecretToken,
  retireUnusedTokens,
  spendToken,
} from '#core/services/secret_token'

/*
| Single-use links to the holder's own e-mail, in their language: the
| activation link that sets the first password (valid for three days: the
| holder may read their mail only now and then), and the reset link of a
| forgotten password (one hour).
*/
const VALIDITY: Record<TokenPurpose, { hours: number }> = {
  activation: { hours: 72 },
  reset: { hours: 1 },
}

/** Issues a link, and makes the account's earlier unused links (of either kind) stop working. */
async function issueLink(
  account: Account,
  purpose: TokenPurpose,
  client?: TransactionClientContract
) {
  await retireUnusedTokens(AccountToken, { column: 'account_id', id: account.id }, client)
  const { token, tokenHash } = newSecretToken()
  await AccountToken.create(
    {
      accountId: account.id,
      purpose,
      tokenHash,
      expiresAt: DateTime.utc().plus(VALIDITY[purpose]),
    },
    { client }
  )
  return urlFor('holder_password.edit', { token }, { prefixUrl: env.get('APP_URL') })
}

/** Sends the holder the link; given the transaction that creates the account, a failed send undoes it. */
export async function sendAccountLink(
  account: Account,
  purpose: TokenPurpose,
  client?: TransactionClientContract
) {
  const to = account.email
  if (!to) throw new Error('An account link goes to an e-mail address; this account has none')
  const link = await issueLink(account, purpose, client)
  const i18n = i18nManager.locale(account.locale)
  await mail.send((message) => {
    message
      .to(to)
      .subject(i18n.t(`omakaiku.mail_${purpose}_subject`))
      .text(
        i18n.t(`omakaiku.mail_${purpose}_body`, {
          name: account.firstName,
          link,
          signInUrl: urlFor('holder_session.create', undefined, { prefixUrl: env.get('APP_URL') }),
        })
      )
  })
}

/** The account a link belongs to while the link still works, or null. */
export async function accountOfLink(token: string) {
  const row = await findUsableToken(AccountToken, token)
  if (!row) return null
  const account = await Account.find(row.accountId)
  return account ? { account, purpose: row.purpose } : null
}

/**
 * Sets the password through a link and spends the link in one step: a
 * second use of the same link, or a simultaneous twin, changes nothing.
 */
export async function setPasswordWithLink(token: string, password: string) {
  const row = await findUsableToken(AccountToken, token)
  if (!row || !(await spendToken(AccountToken, row.id))) return null
  const account = await Account.findOrFail(row.accountId)
  account.password = password
  account.activatedAt ??= DateTime.utc()
  await account.save()
  return account
}
