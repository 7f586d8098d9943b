import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import env from '#start/env'
import PasswordResetToken from '#registry/models/password_reset_token'
import User from '#registry/models/user'
import type { Locale } from '#config/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import {
  findUsableToken,
  newSecretToken,
  retireUnusedTokens,
  spendToken,
} from '#core/services/secret_token'
import { mailLinkAllowed } from '#core/services/sign_in_throttle'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { urlFor } from '@adonisjs/core/services/url_builder'

/**
 * A reset link works once, for one hour; a link for a new account for a week.
 * Only the newest link sent to a user works.
 */
const RESET_VALIDITY = { hours: 1 }
const INVITE_VALIDITY = { days: 7 }

async function issueToken(
  user: User,
  validity: { hours?: number; days?: number },
  client?: TransactionClientContract
) {
  await retireUnusedTokens(PasswordResetToken, { column: 'user_id', id: user.id }, client)
  const { token, tokenHash } = newSecretToken()
  await PasswordResetToken.create(
    {
      userId: user.id,
      tokenHash,
      expiresAt: DateTime.utc().plus(validity),
      usedAt: null,
    },
    { client }
  )
  return urlFor('password_reset.edit', { token }, { prefixUrl: env.get('APP_URL') })
}

async function sendLink(user: User, locale: Locale, kind: 'reset' | 'invite', link: string) {
  const i18n = i18nManager.locale(locale)
  await mail.send((message) => {
    message
      .to(user.email)
      .subject(i18n.t(`auth.mail_${kind}_subject`))
      .text(i18n.t(`auth.mail_${kind}_body`, { name: user.fullName, link }))
  })
}

/**
 * Sends a single-use reset link if the address belongs to an active user.
 * The caller shows the same answer either way, so the form reveals nothing
 * about which addresses have accounts. Returns false when the request was
 * refused for coming too often.
 */
export async function sendPasswordResetLink(
  email: string,
  locale: Locale,
  ip: string
): Promise<boolean> {
  const address = email.trim().toLowerCase()
  if (!(await mailLinkAllowed('staff', address, ip))) return false
  const user = await User.query().where('email', address).where('active', true).first()
  if (user) await sendLink(user, locale, 'reset', await issueToken(user, RESET_VALIDITY))
  return true
}

/**
 * A new staff user sets their own password through a week-long link. Given
 * the transaction that creates the user, a failed send undoes the account.
 */
export async function sendAccountInvitation(
  user: User,
  locale: Locale,
  client?: TransactionClientContract
) {
  await sendLink(user, locale, 'invite', await issueToken(user, INVITE_VALIDITY, client))
}

/** Whether a reset link still works (unused, unexpired). */
export async function isUsableResetLink(token: string) {
  return Boolean(await findUsableToken(PasswordResetToken, token))
}

/**
 * Sets the new password and spends the token in one step; a second use of the
 * same link (or a twin request) finds the token spent and changes nothing.
 */
export async function resetPassword(token: string, password: string): Promise<User | null> {
  const row = await findUsableToken(PasswordResetToken, token)
  if (!row || !(await spendToken(PasswordResetToken, row.id))) return null
  const user = await User.findOrFail(row.userId)
  user.password = password
  await user.save()
  return user
}
