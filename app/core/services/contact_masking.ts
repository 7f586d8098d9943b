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
