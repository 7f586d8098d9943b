import mail from '@adonisjs/mail/services/main'
import type { Locale } from '#config/i18n'
import type { MessageContent } from '#messaging/services/message_content'
import { CredentialsError, DeliveryError } from '#messaging/transports/delivery_error'
import i18nManager from '@adonisjs/i18n/services/main'

export type EmailEnvelope = {
  outboxId: number
  to: string
  locale: Locale
  content: MessageContent
  unsubscribeUrl: string
}

/**
 * Sends one message to a cardholder with @adonisjs/mail (SMTP in
 * production): an HTML part and a plain-text part from Edge templates, and
 * a one-click unsubscribe for the message's kind (RFC 8058).
 */
export async function sendEmail(envelope: EmailEnvelope): Promise<string | null> {
  const i18n = i18nManager.locale(envelope.locale)
  const data = {
    lang: envelope.locale,
    content: envelope.content,
    why: i18n.t('messaging.email_why', { choice: envelope.content.choice }),
    linkText: envelope.content.linkLabel ?? i18n.t('messaging.email_link'),
    unsubscribeText: i18n.t('messaging.email_unsubscribe'),
    unsubscribeUrl: envelope.unsubscribeUrl,
  }
  try {
    const response = await mail.send((message) => {
      message
        .to(envelope.to)
        .subject(envelope.content.subject)
        .htmlView('emails/holder_message', data)
        .textView('emails/holder_message_text', data)
        .listUnsubscribe(envelope.unsubscribeUrl)
        .header('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click')
        // Lets the mail log and test servers tell messages apart without reading addresses.
        .header('X-Kaikukanta-Message', String(envelope.outboxId))
    })
    return response.messageId ?? null
  } catch (error) {
    const code = Number((error as { responseCode?: number }).responseCode)
    // 535: our user name or password was refused; 530: the server insists on signing in.
    if ((error as { code?: string }).code === 'EAUTH' || code === 535 || code === 530) {
      throw new CredentialsError(`e-mail: ${(error as Error).message}`)
    }
    // 5xx from the SMTP server: the address was refused for good.
    throw new DeliveryError(`e-mail: ${(error as Error).message}`, code >= 500 && code < 600)
  }
}
