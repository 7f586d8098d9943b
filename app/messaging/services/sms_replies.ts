/*
| Replies a cardholder can send to any of our SMS. Finnish, Swedish and
| English words are understood; anything else gets the help text, since
| the number takes no other messages (messages to holders are one-way).
*/
const KEYWORDS = {
  stop: ['STOP', 'STOPP', 'LOPETA', 'LOPPU', 'SLUTA', 'UNSUBSCRIBE', 'END', 'QUIT', 'CANCEL'],
  start: ['START', 'ALOITA', 'ALOITUS', 'BÖRJA', 'BORJA', 'UNSTOP'],
  help: ['HELP', 'APUA', 'OHJE', 'HJÄLP', 'HJALP', 'INFO'],
} as const

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
