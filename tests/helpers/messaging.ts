import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import type Account from '#omakaiku/models/account'
import { ZONE } from '#core/services/time'
import type { NotificationChannel, NotificationKind } from '#omakaiku/models/notification_setting'
import { saveNotificationChoices } from '#omakaiku/services/notification_settings'
import OutboxMessage from '#messaging/models/outbox_message'
import Campaign from '#messaging/models/campaign'
import { fakeSmtp } from '#tests/helpers/fake_smtp'

/** The holder turns messages on in OmaKaiku's settings: these kinds, by these channels. */
export function optIn(
  account: Account,
  kinds: NotificationKind[],
  channels: NotificationChannel[] = ['byEmail'],
  genreIds: number[] = []
) {
  return saveNotificationChoices(account.id, { enabled: true, kinds, channels, genreIds })
}

/** The outbox ids of the mails the loopback SMTP server received (from the X-Kaikukanta-Message header). */
export function mailedOutboxIds() {
  return fakeSmtp.inbox.flatMap((mail) => {
    const match = /^X-Kaikukanta-Message: (\d+)$/im.exec(mail.raw)
    return match ? [Number(match[1])] : []
  })
}

export function outboxOf(account: Account) {
  return OutboxMessage.query().where('account_id', account.id).orderBy('id')
}

/** The next noon, Finnish time: after anything queued now, and outside the quiet hours. */
export function nextNoon() {
  const now = DateTime.now().setZone(ZONE)
  const noon = now.startOf('day').set({ hour: 12 })
  return noon > now ? noon : noon.plus({ days: 1 })
}

/** A venue's message, already dispatched, for tests that queue its outbox rows themselves. */
export function dispatchedCampaign(at: DateTime) {
  return Campaign.create({
    organisationId: 1,
    userId: null,
    kind: 'venue_news',
    audience: 'visitors_of_venue',
    offerId: null,
    genreId: null,
    areaId: null,
    bodyFi: 'Uusi näytös on ohjelmistossa.',
    bodySv: null,
    bodyEn: null,
    byEmail: true,
    bySms: true,
    sendAt: at,
    dispatchedAt: at,
    recipients: null,
    submissionKey: randomUUID(),
  })
}
