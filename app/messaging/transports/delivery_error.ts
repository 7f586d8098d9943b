import { withoutContactDetails } from '#core/services/contact_masking'

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

/**
 * The provider refused our own credentials (Twilio 401/403, SMTP 535): no
 * fault of the recipient, and every message on the channel would fail
 * alike, so the channel is paused rather than the message given up.
 */
export class CredentialsError extends DeliveryError {
  constructor(message: string) {
    super(message, false)
  }
}
