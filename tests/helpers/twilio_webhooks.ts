import twilio from 'twilio'
import type { ApiClient } from '@japa/api-client'
import env from '#start/env'

/*
| Requests as Twilio makes them to our webhooks: form fields signed with the
| account's auth token over our public URL (the token of .env.test).
*/
export const TWILIO_TEST_TOKEN = 'test-twilio-auth-token'
export const INBOUND_PATH = '/webhooks/twilio/inbound'

/** Twilio's signature of a webhook request: HMAC-SHA1 of the URL and the sorted form fields. */
export function twilioSignature(
  path: string,
  form: Record<string, string>,
  token = TWILIO_TEST_TOKEN
) {
  return twilio.getExpectedTwilioSignature(token, `${env.get('APP_URL')}${path}`, form)
}

/** The form of an SMS a holder sends to our number. */
export function inboundSms(body: string, from: string) {
  return {
    MessageSid: 'SM' + '1'.repeat(32),
    AccountSid: 'AC' + '0'.repeat(32),
    From: from,
    To: '+358500000000',
    Body: body,
  }
}

/** The holder's SMS as Twilio posts it to the inbound webhook, signed. */
export function smsFromHolder(client: ApiClient, body: string, from: string) {
  const form = inboundSms(body, from)
  return client
    .post(INBOUND_PATH)
    .header('X-Twilio-Signature', twilioSignature(INBOUND_PATH, form))
    .form(form)
}
