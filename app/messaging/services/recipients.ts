import { MESSAGE_KINDS, type Channel, type MessageKind } from '#messaging/message_kinds'
import {
  consentingHolders,
  type ConsentingHolder,
  type HolderFilter,
} from '#omakaiku/services/message_consent'

/*
| Nothing reaches a holder who has not opted in to the kind and the
| channel: OmaKaiku decides who has (message_consent), by the notification
| choice that each kind of message belongs to.
*/
export type Recipient = ConsentingHolder

/** The holders a message of this kind may reach, each with the chosen channels they consented to. */
export function reachable(kind: MessageKind, channels: readonly Channel[], filter: HolderFilter) {
  return consentingHolders(MESSAGE_KINDS[kind], channels, filter)
}

/** Of these accounts, those who still consent to this kind by this channel (checked again just before sending). */
export async function stillConsenting(accountIds: number[], kind: MessageKind, channel: Channel) {
  const recipients = await reachable(kind, [channel], { accountIds })
  return new Set(recipients.filter((r) => r.channels.includes(channel)).map((r) => r.accountId))
}
