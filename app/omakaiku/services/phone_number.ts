/*
| Phone numbers for SMS, stored in international form (E.164). A Finnish
| number may be written the local way: "040 123 4567", "040-1234567" or
| "+358 40 123 4567"; another country's number starts with + or 00 and
| its country code.
*/
const E164 = /^\+[1-9]\d{6,14}$/
// Finnish numbers: a leading 0, then 5 to 11 digits (mobile 04x/050, landlines with area code).
const FINNISH_LOCAL = /^0[1-9]\d{4,10}$/

/** The number in E.164 form, or null when it is not a phone number we can send to. */
export function normalizePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s\-().]/g, '')
  if (!compact) return null
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact
  if (international.startsWith('+')) {
    if (!E164.test(international)) return null
    // A Finnish number with its country code: the same length rule as written locally.
    if (international.startsWith('+358')) {
      return FINNISH_LOCAL.test(`0${international.slice(4)}`) ? international : null
    }
    return international
  }
  return FINNISH_LOCAL.test(international) ? `+358${international.slice(1)}` : null
}

/** The number as a Finn would write it, for showing back to the holder. */
export function formatPhone(e164: string): string {
  if (e164.startsWith('+358')) {
    const local = `0${e164.slice(4)}`
    return `${local.slice(0, 3)} ${local.slice(3)}`
  }
  return e164
}
