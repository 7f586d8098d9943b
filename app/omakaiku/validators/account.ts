import vine from '@vinejs/vine'
import { newPassword } from '#core/validators/new_password'
import type { FieldContext } from '@vinejs/vine/types'
import { LOCALES } from '#config/i18n'
import { checkPhone } from '#omakaiku/services/phone_number'

/**
 * A Finnish or international number that can receive SMS, stored in E.164
 * form. A landline or a service number is refused with its own message.
 */
const phoneNumber = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const checked = checkPhone(value)
  if (checked.ok) field.mutate(checked.e164, field)
  else if (checked.reason === 'no_sms') field.report('Cannot receive SMS', 'phone_sms', field)
  else field.report('Not a phone number', 'phone', field)
})

export const optionalPhone = () => vine.string().trim().maxLength(30).use(phoneNumber()).optional()

const email = () => vine.string().trim().maxLength(254).email()

/** The desk's form: an e-mail, or for a holder without one a mobile number (the service checks one is given). */
export const activationValidator = vine.compile(
  vine.object({
    firstName: vine.string().trim().minLength(1).maxLength(100),
    lastName: vine.string().trim().minLength(1).maxLength(100),
    email: email().optional(),
    phone: optionalPhone(),
    municipalityId: vine.number().withoutDecimals().positive(),
    locale: vine.enum(LOCALES),
  })
)

export const resendValidator = vine.compile(
  vine.object({
    email: email().optional(),
  })
)

export const holderSignInValidator = vine.compile(
  vine.object({
    email: vine.string().trim().maxLength(254),
    password: vine.string().maxLength(200),
  })
)

export const holderEmailValidator = vine.compile(vine.object({ email: email() }))

export const setPasswordValidator = vine.compile(vine.object({ password: newPassword() }))

export const changeHolderPasswordValidator = vine.compile(
  vine.object({ currentPassword: vine.string(), password: newPassword() })
)

/** The code the holder received by SMS, read out at the desk, and whether they want SMS reminders. */
export const phoneCodeValidator = vine.compile(
  vine.object({
    phoneCode: vine.string().trim().maxLength(20),
    smsReminders: vine.boolean().optional(),
  })
)
