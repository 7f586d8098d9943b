import vine from '@vinejs/vine'
import { DATE_FORMATS } from '#core/validators/date_formats'

/** The registration form. The code is checked by the card-code rules, not here, for a precise message. */
export const registrationValidator = vine.compile(
  vine.object({
    code: vine.string().trim().maxLength(30),
    choice: vine.string().trim().maxLength(40),
    usedOn: vine.date({ formats: DATE_FORMATS }).optional(),
    childrenCount: vine.number().withoutDecimals().range([0, 20]).optional(),
    groupSize: vine.number().withoutDecimals().range([1, 99]).optional(),
    // Euros as a Finn writes them: 4,50 or 4.50.
    amount: vine
      .string()
      .trim()
      .regex(/^\d{1,4}([.,]\d{1,2})?$/)
      .transform((value) => Number(value.replace(',', '.')))
      .optional(),
    submissionKey: vine.string().uuid(),
  })
)
