import vine from '@vinejs/vine'

/** A password has at least this many characters: a sentence of a few words. */
export const PASSWORD_MIN_LENGTH = 12

/** A new password, staff's or a cardholder's, written twice alike. */
export const newPassword = () =>
  vine
    .string()
    .minLength(PASSWORD_MIN_LENGTH)
    .maxLength(200)
    .confirmed({ confirmationField: 'passwordConfirmation' })
