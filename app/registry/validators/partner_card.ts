import vine from '@vinejs/vine'

/** A partner organisation's community card: only the form's one-time key. */
export const partnerCardValidator = vine.compile(
  vine.object({
    submissionKey: vine.string().uuid(),
  })
)
