import db from '@adonisjs/lucid/services/db'
import Account from '#omakaiku/models/account'
import NotificationSetting, {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from '#omakaiku/models/notification_setting'

export type NotificationChoices = {
  enabled: boolean
  kinds: NotificationKind[]
  channels: NotificationChannel[]
  genreIds: number[]
}

/** The holder's choices; with no row saved yet, everything is off. */
export async function notificationChoicesOf(accountId: number): Promise<NotificationChoices> {
  const [setting, genres] = await Promise.all([
    NotificationSetting.find(accountId),
    db.connection('omakaiku').from('notification_genres').where('account_id', accountId),
  ])
  return {
    enabled: setting?.enabled ?? false,
    kinds: setting ? NOTIFICATION_KINDS.filter((kind) => setting[kind]) : [],
    channels: setting ? NOTIFICATION_CHANNELS.filter((channel) => setting[channel]) : [],
    genreIds: genres.map((row: { genre_id: number }) => Number(row.genre_id)),
  }
}

/** Saves the holder's choices in one transaction: all of them or none. */
export async function saveNotificationChoices(accountId: number, choices: NotificationChoices) {
  await db.connection('omakaiku').transaction(async (trx) => {
    const columns = {
      enabled: choices.enabled,
      ...Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, choices.kinds.includes(kind)])),
      ...Object.fromEntries(
        NOTIFICATION_CHANNELS.map((channel) => [channel, choices.channels.includes(channel)])
      ),
    }
    await NotificationSetting.updateOrCreate({ accountId }, columns, { client: trx })
    await trx.from('notification_genres').where('account_id', accountId).delete()
    const genreIds = [...new Set(choices.genreIds)]
    if (genreIds.length) {
      await trx
        .table('notification_genres')
        .multiInsert(genreIds.map((genreId) => ({ account_id: accountId, genre_id: genreId })))
    }
  })
}

/** Turns one kind of message off (an e-mail's unsubscribe link); other choices stay. */
export async function turnOffKind(accountId: number, kind: NotificationKind) {
  await NotificationSetting.updateOrCreate({ accountId }, { [kind]: false })
}

/**
 * SMS on or off for every account with this number (the holder replied STOP
 * or START). Returns the accounts' languages, for the reply.
 */
export async function setSmsByPhone(phone: string, on: boolean) {
  const accounts = await Account.query().where('phone', phone)
  for (const account of accounts) {
    await NotificationSetting.updateOrCreate({ accountId: account.id }, { bySms: on })
  }
  return accounts.map((account) => account.locale)
}
