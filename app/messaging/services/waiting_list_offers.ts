import { type DateTime } from 'luxon'
import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import waitingListConfig from '#config/waiting_list'
import { CHANNELS } from '#messaging/message_kinds'
import { enqueue } from '#messaging/services/outbox'
import { reachable } from '#messaging/services/recipients'
import { cardsByPhone } from '#omakaiku/services/message_consent'
import type { WaitingListReach, WaitingOffer } from '#usage/services/waiting_list_port'
import { waitingOfferNotice } from '#usage/services/waiting_list_views'
import { answerOffer, latestOffer } from '#usage/services/waiting_list_answers'

/*
| Messaging's side of the waiting list: who can be offered a freed place
| (an OmaKaiku account opted in to the offer's kind by SMS or e-mail), the
| offer's message, and the holder's answer by SMS. Fills usage's
| `waiting_list_port` at boot (start/ports.ts).
*/
export const waitingListHours = () => waitingListConfig.holdHours

/** The e-mail's answer button: signed, no sign-in needed. Valid a day past the hold, to say politely that it ran out. */
export function waitingOfferUrl(entryId: number, until: DateTime) {
  return signedUrlFor(
    'waiting_offer.show',
    { entry: entryId },
    {
      prefixUrl: env.get('APP_URL'),
      expiresIn: `${Math.max(Math.ceil(until.diffNow('hours').hours), 0) + 24}h`,
    }
  )
}

export const waitingListReach: WaitingListReach = {
  async reachable(cardCodes) {
    const holders = await reachable('waiting_list_offer', CHANNELS, { cardCodes })
    return new Set(holders.filter((h) => h.channels.length).map((h) => h.cardCode))
  },

  async offerMade(offers: WaitingOffer[]) {
    for (const offer of offers) {
      const notice = await waitingOfferNotice(offer.entryId)
      if (!notice) continue
      const [recipient] = await reachable('waiting_list_offer', CHANNELS, {
        cardCodes: [offer.cardCode],
      })
      if (!recipient) continue
      await enqueue([
        {
          kind: 'waiting_list_offer',
          recipient,
          subject: `entry:${offer.entryId}`,
          params: {
            entryId: notice.entryId,
            offerId: notice.offerId,
            title: notice.title,
            venue: notice.venue,
            startsAt: notice.startsAt,
            expiresAt: notice.expiresAt,
          },
        },
      ])
    }
  },
}

export type SmsAnswer = 'accepted' | 'declined' | 'expired' | 'refused' | 'no_offer'

/** YES or NO by SMS: answers the most recent open offer to a card of that phone's holder. */
export async function answerBySms(phone: string, yes: boolean) {
  const cards = await cardsByPhone(phone)
  const locale = cards[0]?.locale ?? 'fi'
  const entry = await latestOffer(cards.map((card) => card.cardCode))
  if (!entry) return { answer: 'no_offer' as SmsAnswer, locale, until: null }
  const result = await answerOffer(entry, yes)
  const answer: SmsAnswer = result.outcome === 'not_open' ? 'no_offer' : result.outcome
  const until = result.outcome === 'expired' ? result.until : null
  return { answer, locale, until }
}
