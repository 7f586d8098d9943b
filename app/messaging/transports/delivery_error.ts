/** Addresses and phone numbers that a provider's error may quote, masked before anything is stored or logged. */
export function withoutContactDetails(text: string) {
  return text
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '[address]')
    .replace(/\+?\d[\d\s-]{6,}\d/g, '[number]')
}

/**
 * A send that did not succeed. `permanent` when trying again cannot help
 * (the provider refused the recipient), so the message goes straight to the
 * dead letters.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean
  ) {
    super(withoutContactDetails(message))
  }
}
