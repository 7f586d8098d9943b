import { DateTime } from 'luxon'
import { ATTENDANCE_ANSWERS } from '#messaging/services/sms_replies'
import i18nManager from '@adonisjs/i18n/services/main'
import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import type { Locale } from '#config/i18n'
import { formatDate, formatTime } from '#core/services/formatting'
import { ZONE } from '#core/services/time'
import { MESSAGE_KINDS, type MessageKind } from '#messaging/message_kinds'
import type { MessageParams } from '#messaging/models/outbox_message'
import type Campaign from '#messaging/models/campaign'
import { factParams } from '#offers/services/ticket_info'
import { waitingListHours, waitingOfferUrl } from '#messaging/services/waiting_list_offers'

/*
| The words of a message in the holder's language: its subject, the
| paragraphs of an e-mail, and the SMS. Staff-written messages carry the
| text the sender wrote for that language.
*/
export type MessageContent = {
  subject: string
  paragraphs: string[]
  /** Where the message points (the holder's tickets, the feedback form...), if anywhere. */
  link: string | null
  sms: string
  /** The name of the notification choice that let it through, for "why you get this". */
  choice: string
  /** The link's words, when not the usual "open in OmaKaiku". */
  linkLabel?: string
}

function when(params: MessageParams, locale: Locale) {
  const start = DateTime.fromISO(String(params.startsAt)).setZone(ZONE)
  return { date: formatDate(start, locale), time: formatTime(start, locale) }
}

/** Links in messages are absolute: they are opened from a mail or SMS. */
const absolute = () => ({ prefixUrl: env.get('APP_URL') })

export function renderMessage(
  kind: MessageKind,
  params: MessageParams,
  locale: Locale,
  campaign?: Campaign
): MessageContent {
  const i18n = i18nManager.locale(locale)
  const t = (key: string, data: Record<string, unknown> = {}) =>
    i18n.t(`messaging.message.${kind}.${key}`, { ...params, ...data })
  const choice = i18n.t(`omakaiku.kind.${MESSAGE_KINDS[kind]}`)
  const stop = i18n.t('messaging.sms_stop')

  const content = (data: Record<string, unknown>, link: string | null) => ({
    subject: t('subject', data),
    paragraphs: t('text', data).split('\n'),
    link,
    sms: `${t('sms', data)} ${stop}`,
    choice,
  })

  switch (kind) {
    case 'ticket_reminder': {
      // The e-mail adds the venue's promises at the door (ticket_info.ts); the SMS stays short.
      const reminder = content(
        { ...when(params, locale), ...ATTENDANCE_ANSWERS },
        urlFor('my_events.index', undefined, absolute())
      )
      const facts = String(params.facts ?? '')
        .split(',')
        .filter(Boolean)
        .map((fact) => i18n.t(`offers.ticket_fact.${fact}`, factParams(fact)))
      return { ...reminder, paragraphs: [...reminder.paragraphs, ...facts] }
    }
    case 'cancellation_confirmed':
      return content(when(params, locale), urlFor('my_events.index', undefined, absolute()))
    case 'visit_thanks':
      return content({}, urlFor('feedback.create', { id: String(params.useId) }, absolute()))
    case 'waiting_list_offer': {
      const until = DateTime.fromISO(String(params.expiresAt)).setZone(ZONE)
      return {
        ...content(
          { ...when(params, locale), until: formatTime(until, locale), hours: waitingListHours() },
          waitingOfferUrl(Number(params.entryId), until)
        ),
        linkLabel: t('button'),
      }
    }
    case 'card_expiring':
    case 'card_extended':
      return content(
        { validUntil: formatDate(String(params.validUntil), locale) },
        urlFor('my_card.show', undefined, absolute())
      )
    default: {
      const body = campaign ? campaign.bodyIn(locale) : ''
      const link = params.offerId
        ? urlFor('holder_offers.show', { id: String(params.offerId) }, absolute())
        : null
      return {
        subject: t('subject'),
        paragraphs: body.split(/\n+/).filter((line) => line.trim()),
        link,
        sms: `${t('sms_prefix')} ${body.replace(/\s+/g, ' ').trim()}${link ? ` ${link}` : ''} ${stop}`,
        choice,
      }
    }
  }
}
