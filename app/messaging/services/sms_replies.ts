/*
| Replies a cardholder can send to any of our SMS. Finnish, Swedish and
| English words are understood; anything else gets the help text. Besides
| STOP, START and HELP a holder can ask for the next ticket, cancel it, and
| answer a reminder's "Coming? 1 = yes, 2 = cancel".
| CANCEL means cancelling a ticket here: Twilio's messaging service must not
| treat it as an opt-out keyword (docs/OPERATIONS.md).
| A holder offered a place from a waiting list answers YES or NO.
*/
const KEYWORDS = {
  stop: ['STOP', 'STOPP', 'LOPETA', 'LOPPU', 'SLUTA', 'UNSUBSCRIBE', 'END', 'QUIT'],
  start: ['START', 'ALOITA', 'ALOITUS', 'BÖRJA', 'BORJA', 'UNSTOP'],
  help: ['HELP', 'APUA', 'OHJE', 'HJÄLP', 'HJALP', 'INFO'],
  // The next ticket: asked about first, cancelled by the answer "2".
  cancel: ['PERU', 'PERUUTA', 'PERUUTUS', 'AVBOKA', 'AVBESTÄLL', 'AVBESTALL', 'CANCEL'],
  next: ['SEURAAVA', 'NÄSTA', 'NASTA', 'NEXT'],
  // Answers to "Coming? 1 = yes, 2 = cancel".
  coming: ['1'],
  not_coming: ['2'],
  // The answer to a waiting-list offer.
  yes: ['YES', 'KYLLÄ', 'KYLLA', 'JOO', 'JA'],
  no: ['NO', 'EI', 'NEJ'],
} as const

/** The answers a reminder's question names: {coming} and {notComing} in its text. */
export const ATTENDANCE_ANSWERS = {
  coming: KEYWORDS.coming[0],
  notComing: KEYWORDS.not_coming[0],
}

/** The replies about the holder's tickets (the others are about the messages themselves). */
export const TICKET_REPLIES = ['cancel', 'next', 'coming', 'not_coming'] as const
export type TicketReply = (typeof TICKET_REPLIES)[number]

export type SmsReply = keyof typeof KEYWORDS | 'other'

/** The reply's meaning, from its first word, whatever the case or punctuation. */
export function smsReplyOf(body: string): SmsReply {
  const word = body
    .trim()
    .split(/\s+/)[0]
    ?.replace(/[.!?,]+$/, '')
    .toLocaleUpperCase('fi-FI')
  for (const [reply, words] of Object.entries(KEYWORDS)) {
    if ((words as readonly string[]).includes(word ?? '')) return reply as SmsReply
  }
  return 'other'
}
