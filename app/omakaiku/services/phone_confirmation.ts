import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { DateTime } from 'luxon'
import i18nManager from '@adonisjs/i18n/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import Account from '#omakaiku/models/account'
import { sendHolderSms } from '#omakaiku/services/holder_sms_port'
import { FieldError } from '#core/services/field_error'
import { toSqlDateTime } from '#core/services/time'
import { rowsChanged } from '#core/services/rows_changed'

/*
| A holder without e-mail confirms their phone number at the distributor's
| desk: a six-digit code goes to the number by SMS and the holder reads it
| out. The code is kept only as a keyed hash, for a few minutes and a few
| tries; a new code replaces the old one.
*/
export const PHONE_CODE = { minutes: 15, attempts: 5, digits: 6 } as const

const hashOf = (account: Account, code: string) =>
  createHmac('sha256', env.get('APP_KEY')).update(`${account.id}:${code}`).digest('hex')

/** Sends a new code to the account's phone; given the transaction that creates the account, a failed send undoes it. */
export async function sendPhoneCode(account: Account, client?: TransactionClientContract) {
  const code = String(randomInt(0, 10 ** PHONE_CODE.digits)).padStart(PHONE_CODE.digits, '0')
  account.phoneCodeHash = hashOf(account, code)
  account.phoneCodeExpiresAt = DateTime.utc().plus({ minutes: PHONE_CODE.minutes })
  account.phoneCodeAttempts = 0
  if (client) account.useTransaction(client)
  await account.save()
  const i18n = i18nManager.locale(account.locale)
  await sendHolderSms({
    to: account.phone!,
    cardCode: account.cardCode,
    body: i18n.t('omakaiku.sms_phone_code', { code, minutes: PHONE_CODE.minutes }),
  })
}

/**
 * The code typed at the desk. Right: the number is confirmed and the
 * account in use. Wrong, expired or tried too often: refused next to the
 * field; each try counts before the code is compared, so parallel guesses
 * cannot exceed the limit.
 */
export async function confirmPhoneCode(account: Account, typed: string) {
  const now = DateTime.utc()
  if (!account.phoneCodeHash || !account.phoneCodeExpiresAt || account.phoneCodeExpiresAt < now) {
    throw new FieldError('phoneCode', 'omakaiku.phone_code_expired')
  }
  const counted = await Account.query()
    .where('id', account.id)
    .where('phone_code_attempts', '<', PHONE_CODE.attempts)
    .increment('phone_code_attempts', 1)
  if (!rowsChanged(counted)) {
    throw new FieldError('phoneCode', 'omakaiku.phone_code_too_many')
  }
  const expected = Buffer.from(account.phoneCodeHash, 'hex')
  const given = Buffer.from(hashOf(account, typed.replace(/\s+/g, '')), 'hex')
  if (!timingSafeEqual(expected, given)) {
    throw new FieldError('phoneCode', 'omakaiku.phone_code_wrong')
  }
  await Account.query()
    .where('id', account.id)
    .update({
      phone_confirmed_at: toSqlDateTime(now),
      activated_at: account.activatedAt ? toSqlDateTime(account.activatedAt) : toSqlDateTime(now),
      phone_code_hash: null,
      phone_code_expires_at: null,
      phone_code_attempts: 0,
    })
  await account.refresh()
  return account
}
