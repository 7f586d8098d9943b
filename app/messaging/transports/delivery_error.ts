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
