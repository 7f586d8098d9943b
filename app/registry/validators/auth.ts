import vine from '@vinejs/vine'

export const signInValidator = vine.compile(
  vine.object({
    email: vine.string().trim().email(),
    password: vine.string(),
  })
)

const newPassword = () =>
  vine
    .string()
    .minLength(12)
    .maxLength(200)
    .confirmed({ confirmationField: 'passwordConfirmation' })

export const changePasswordValidator = vine.compile(
  vine.object({
    currentPassword: vine.string(),
    password: newPassword(),
  })
)

export const forgotPasswordValidator = vine.compile(
  vine.object({
    email: vine.string().trim().email(),
  })
)

export const resetPasswordValidator = vine.compile(
  vine.object({
    password: newPassword(),
  })
)
