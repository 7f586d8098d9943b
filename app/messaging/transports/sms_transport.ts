import twilio from 'twilio'
import type TwilioRequestClient from 'twilio/lib/base/RequestClient.js'
import logger from '@adonisjs/core/services/logger'
import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import messagingConfig from '#config/messaging'
import { CredentialsError, DeliveryError } from '#messaging/transports/delivery_error'
import { smsSize } from '#messaging/services/sms_segments'

const TWILIO_API = 'https://api.twilio.com'

/**
 * The twilio library's own HTTP client, pointed at another base address
 * when TWILIO_API_URL is set: tests and benchmarks talk to a loopback
 * server that speaks Twilio's API, through the real client.
 */
class TwilioHttpClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string | undefined) {
    super({ timeout: messagingConfig.sms.timeoutMs, keepAlive: true })
  }

  request<TData>(opts: TwilioRequestClient.RequestOptions<TData>) {
    if (this.baseUrl && opts.uri.startsWith(TWILIO_API)) {
      opts.uri = this.baseUrl + opts.uri.slice(TWILIO_API.length)
    }
    return super.request(opts)
  }
}

let client: twilio.Twilio | undefined

function twilioClient() {
  const { accountSid, authToken, apiUrl } = messagingConfig.sms
  client ??= twilio(accountSid, authToken, { httpClient: new TwilioHttpClient(apiUrl) })
  return client
}

export type SmsEnvelope = { outboxId: number; cardCode: string; to: string; body: string }

/** Where Twilio reports the delivery of a message. */
export function statusCallbackUrl() {
  return urlFor('twilio_webhooks.status', undefined, { prefixUrl: env.get('APP_URL') })
}

/** Sends one SMS; returns Twilio's message SID. */
export async function sendSms(envelope: SmsEnvelope): Promise<string | null> {
  const { transport, messagingServiceSid, fromNumber } = messagingConfig.sms
  if (transport === 'log') {
    const { segments } = smsSize(envelope.body)
    logger.info(
      { outboxId: envelope.outboxId, card: envelope.cardCode, segments },
      'SMS (log transport)'
    )
    return null
  }
  try {
    const message = await twilioClient().messages.create({
      to: envelope.to,
      body: envelope.body,
      ...(messagingServiceSid ? { messagingServiceSid } : { from: fromNumber }),
      statusCallback: statusCallbackUrl(),
    })
    return message.sid
  } catch (error) {
    const status = Number((error as { status?: number }).status)
    // Twilio refusing our account SID or auth token (a rotated token), not the recipient.
    if (status === 401 || status === 403) {
      throw new CredentialsError(`sms: HTTP ${status}: ${(error as Error).message}`)
    }
    // Twilio refusing the request itself (a bad number, an opted-out one) will not change on retry; 429 will.
    const permanent = status >= 400 && status < 500 && status !== 429
    throw new DeliveryError(`sms: ${(error as Error).message}`, permanent)
  }
}

/** An SMS sent now, not through the outbox: OmaKaiku's confirmation code at the desk. */
export async function sendDirectSms(sms: { to: string; cardCode: string; body: string }) {
  await sendSms({ outboxId: 0, ...sms })
}
