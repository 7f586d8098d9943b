import type { HttpContext } from '@adonisjs/core/http'
import twilio from 'twilio'
import i18nManager from '@adonisjs/i18n/services/main'
import env from '#start/env'
import messagingConfig from '#config/messaging'
import { smsReplyOf, TICKET_REPLIES, type TicketReply } from '#messaging/services/sms_replies'
import { answerTicketReply } from '#messaging/services/sms_ticket_replies'
import { recordDeliveryStatus } from '#messaging/services/delivery_status'
import { setSmsByPhone } from '#omakaiku/services/notification_settings'
import { answerBySms } from '#messaging/services/waiting_list_offers'
import { formatTime } from '#core/services/formatting'

/** Whether the request really comes from Twilio: its signature over our URL and the form fields. */
function signedByTwilio({ request }: HttpContext) {
  const signature = request.header('x-twilio-signature')
  if (!signature || !messagingConfig.sms.authToken) return false
  const url = `${env.get('APP_URL')}${request.url(true)}`
  return twilio.validateRequest(messagingConfig.sms.authToken, signature, url, request.body())
}

function twiml(text: string | null) {
  const response = new twilio.twiml.MessagingResponse()
  if (text) response.message(text)
  return response.toString()
}

/**
 * Twilio's webhooks: SMS replies from cardholders (STOP, START, HELP, and
 * about their tickets: SEURAAVA, PERU, 1, 2; YES or NO to a waiting-list
 * offer) and
 * delivery reports. A request without a valid signature is refused (403)
 * and changes nothing.
 */
export default class TwilioWebhooksController {
  async inbound(ctx: HttpContext) {
    const { request, response } = ctx
    if (!signedByTwilio(ctx)) return response.forbidden('Invalid signature')
    const from = String(request.input('From', ''))
    const reply = smsReplyOf(String(request.input('Body', '')))
    response.header('Content-Type', 'text/xml; charset=utf-8')
    if ((TICKET_REPLIES as readonly string[]).includes(reply)) {
      ctx.logger.info({ reply }, 'SMS reply about a ticket received')
      return twiml(await answerTicketReply(from, reply as TicketReply))
    }
    if (reply === 'yes' || reply === 'no') {
      const { answer, locale, until } = await answerBySms(from, reply === 'yes')
      ctx.logger.info({ reply, answer }, 'SMS answer to a waiting-list offer')
      const i18n = i18nManager.locale(locale)
      return twiml(
        i18n.t(`messaging.sms_reply.offer_${answer}`, {
          until: until ? formatTime(until, locale) : '',
        })
      )
    }
    let locales: string[] = []
    if (reply === 'stop' || reply === 'start')
      locales = await setSmsByPhone(from, reply === 'start')
    ctx.logger.info({ reply, accounts: locales.length }, 'SMS reply received')
    const i18n = i18nManager.locale(locales[0] ?? 'fi')
    return twiml(i18n.t(`messaging.sms_reply.${reply}`))
  }

  async status(ctx: HttpContext) {
    const { request, response } = ctx
    if (!signedByTwilio(ctx)) return response.forbidden('Invalid signature')
    await recordDeliveryStatus(
      String(request.input('MessageSid', '')),
      String(request.input('MessageStatus', '')),
      request.input('ErrorCode') ? String(request.input('ErrorCode')) : null
    )
    return response.noContent()
  }
}
