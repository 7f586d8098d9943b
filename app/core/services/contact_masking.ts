/**
 * E-mail addresses and phone numbers masked, for text that may quote them
 * (a mail server's or SMS provider's error) before it is stored or logged:
 * logs carry card codes, never contact details.
 */
export function withoutContactDetails(text: string) {
  return text
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '[address]')
    .replace(/\+?\d[\d\s-]{6,}\d/g, '[number]')
}

/** "a…@example.fi": enough to tell two messages apart, not enough to reach anyone. */
export function maskedAddresses(addresses: unknown) {
  const text = typeof addresses === 'string' ? addresses : JSON.stringify(addresses ?? '')
  return text.replace(/([^\s@",<]{1})[^\s@",<]*@/g, '$1…@')
}

const HIDDEN = '[hidden]'
/** The values of a signed link's signature and of token parameters. */
const SECRET_PARAMETER = /([?&](?:signature|[\w-]*token)=)[^&#\s]+/gi
/** The token of a single-use link: password reset and set links, an anonymous survey's link. */
const TOKEN_PATH = /(\/(?:password\/reset|password\/set|s)\/)[^/?#\s]+/g
/** Any other path segment that can only be a random token (a 32-byte one is 43 characters). */
const LONG_SEGMENT = /\/[\w-]{32,}(?=[/?#\s]|$)/g

/**
 * A link with its secret left out, for a log: the path stays, so a developer
 * can follow what was sent, but the signature or token that makes the link
 * work (unsubscribe someone, set their password) does not.
 * "/oma/unsubscribe/12/reminders?signature=…" → "…?signature=[hidden]".
 */
export function withoutLinkSecrets(text: string) {
  return text
    .replace(SECRET_PARAMETER, `$1${HIDDEN}`)
    .replace(TOKEN_PATH, `$1${HIDDEN}`)
    .replace(LONG_SEGMENT, `/${HIDDEN}`)
}
