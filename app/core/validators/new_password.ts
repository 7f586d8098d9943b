import vine from '@vinejs/vine'

/**
 * A new password, staff's or a cardholder's: at least 12 characters (a
 * sentence of a few words), written twice alike.
 */
export const newPassword = () =>
  vine
    .string()
    .minLength(12)
    .maxLength(200)
    .confirmed({ confirmationField: 'passwordConfirmation' })
