import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import type { NumberType } from 'libphonenumber-js/max'

/*
| Phone numbers for SMS, stored in international form (E.164). A Finnish
| number may be written the local way ("040 123 4567", "(040) 123-4567") or
| with its country code; another country's number starts with + or 00.
| libphonenumber-js knows each country's numbering plan (with its full
| metadata, which tells a mobile number from a landline or a service number).
*/

/** Number types that can receive a text message. */
const SMS_CAPABLE = new Set<NumberType>(['MOBILE', 'FIXED_LINE_OR_MOBILE'])

export type PhoneCheck = { ok: true; e164: string } | { ok: false; reason: 'invalid' | 'no_sms' }

/** The number in E.164 form when it can receive SMS, or why not. */
export function checkPhone(input: string): PhoneCheck {
  const parsed = parsePhoneNumberFromString(input.trim(), 'FI')
  if (!parsed?.isValid()) return { ok: false, reason: 'invalid' }
  const type = parsed.getType()
  if (!type || !SMS_CAPABLE.has(type)) return { ok: false, reason: 'no_sms' }
  return { ok: true, e164: parsed.number }
}

/** The number as its owner would write it: Finnish ones the local way, others with their country code. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164)
  if (!parsed) return e164
  return parsed.country === 'FI' ? parsed.formatNational() : parsed.formatInternational()
}
