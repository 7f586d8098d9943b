import db from '@adonisjs/lucid/services/db'
import string from '@adonisjs/core/helpers/string'
import type { Locale } from '#config/i18n'
import Account from '#omakaiku/models/account'
import type { NotificationKind } from '#omakaiku/models/notification_setting'

export type { NotificationKind }

/*
| Who may be sent a message, decided inside OmaKaiku where the choices and
| contact details live. A holder is reachable by a channel when the account
| is activated, the master switch is on, the kind of message is chosen,
| the channel is chosen, and (for SMS) a phone number is known. Callers get
| account ids and card codes; addresses only at the moment of sending.
*/
export type MessageChannel = 'email' | 'sms'
export type ConsentingHolder = { accountId: number; cardCode: string; channels: MessageChannel[] }

/*
| A holder's home municipality is the one given when the account was
| activated (`accounts.municipality_id`): it decides the holder's area for a
| venue's tips and for an area's announcements.
*/
export type HolderFilter =
  | { cardCodes: string[] }
  | { genreId: number; municipalityIds: number[] }
  | { homeMunicipalityIds: number[] }
  | { everyone: true }
  | { accountIds: number[] }

const CHUNK = 1000

function chunks<T>(items: T[]) {
  const result: T[][] = []
  for (let index = 0; index < items.length; index += CHUNK) {
    result.push(items.slice(index, index + CHUNK))
  }
  return result
}

async function consentingRows(
  kind: NotificationKind,
  channels: readonly MessageChannel[],
  filter: HolderFilter
) {
  const base = () =>
    db
      .connection('omakaiku')
      .from('accounts as a')
      .join('notification_settings as s', 's.account_id', 'a.id')
      .whereNotNull('a.activated_at')
      .where('s.enabled', true)
      .where(`s.${string.snakeCase(kind)}`, true)
      .where((query) => {
        if (channels.includes('email')) query.orWhere('s.by_email', true)
        if (channels.includes('sms')) {
          query.orWhere((sms) => sms.where('s.by_sms', true).whereNotNull('a.phone'))
        }
      })
      .select('a.id', 'a.card_code', 's.by_email', 's.by_sms', 'a.email', 'a.phone')

  if ('genreId' in filter) {
    if (!filter.municipalityIds.length) return []
    return base()
      .join('notification_genres as g', 'g.account_id', 'a.id')
      .where('g.genre_id', filter.genreId)
      .whereIn('a.municipality_id', filter.municipalityIds)
  }
  if ('everyone' in filter) return base()
  const [column, values] =
    'homeMunicipalityIds' in filter
      ? ['a.municipality_id', [...new Set(filter.homeMunicipalityIds)]]
      : 'cardCodes' in filter
        ? ['a.card_code', [...new Set(filter.cardCodes)]]
        : ['a.id', [...new Set(filter.accountIds)]]
  const rows = []
  for (const part of chunks<string | number>(values)) {
    rows.push(...(await base().whereIn(column, part)))
  }
  return rows
}

/** The holders who chose this kind of message, each with the asked channels they consented to. */
export async function consentingHolders(
  kind: NotificationKind,
  channels: readonly MessageChannel[],
  filter: HolderFilter
): Promise<ConsentingHolder[]> {
  if (!channels.length) return []
  const rows = await consentingRows(kind, channels, filter)
  return rows.map((row) => ({
    accountId: Number(row.id),
    cardCode: row.card_code,
    channels: channels.filter((channel) =>
      // A channel needs its address too: an SMS-only holder has no e-mail.
      channel === 'email'
        ? Boolean(row.by_email) && row.email !== null
        : Boolean(row.by_sms) && row.phone !== null
    ),
  }))
}

export type HolderContact = { email: string | null; phone: string | null; locale: Locale }

/** Where to send: read just before sending, never copied into the outbox. */
export async function contactsOf(accountIds: number[]): Promise<Map<number, HolderContact>> {
  if (!accountIds.length) return new Map()
  const accounts = await Account.query()
    .select('id', 'email', 'phone', 'locale')
    .whereIn('id', [...new Set(accountIds)])
  return new Map(accounts.map((a) => [a.id, { email: a.email, phone: a.phone, locale: a.locale }]))
}

/** The cards of the activated accounts with this phone number, for an SMS answer (codes and languages only). */
export async function cardsByPhone(phone: string) {
  if (!phone) return []
  const accounts = await Account.query()
    .select('card_code', 'locale')
    .where('phone', phone)
    .whereNotNull('activated_at')
  return accounts.map((account) => ({ cardCode: account.cardCode, locale: account.locale }))
}
