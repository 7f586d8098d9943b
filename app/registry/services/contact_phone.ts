import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

/*
| The phone number of an organisation's contact person (staff data). Any
| number one can call: a Finnish one written the local way ("09 310 1234",
| "040 123 4567") or with its country code; kept in international form
| (E.164) so the same number written two ways is the same number.
*/

/** The number in E.164 form, or null when it is not a phone number. */
export function contactPhoneOf(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'FI')
  return parsed?.isValid() ? parsed.number : null
}

/** The number as people write it: a Finnish one the local way, others with their country code. */
export function showContactPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164)
  if (!parsed) return e164
  return parsed.country === 'FI' ? parsed.formatNational() : parsed.formatInternational()
}
