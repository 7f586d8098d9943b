import mail from '@adonisjs/mail/services/main'
import type { Locale } from '#config/i18n'
import type { MessageContent } from '#messaging/services/message_content'
import { CredentialsError, DeliveryError } from '#messaging/transports/delivery_error'
import i18nManager from '@adonisjs/i18n/services/main'
import { renderHolderEmail } from '#messaging/transports/email_views'

export type EmailEnvelope = {
  outboxId: number
  to: string
  locale: Locale
  content: MessageContent
  unsubscribeUrl: string
}

type Frame = { why: string; link: string; unsubscribe: string }

/** The words around every holder e-mail, by language and notification choice (formatting them is not cheap). */
const frames = new Map<string, Frame>()

function frameOf(locale: Locale, choice: string) {
  const key = `${locale}:${choice}`
  let frame = frames.get(key)
  if (!frame) {
    const i18n = i18nManager.locale(locale)
    frame = {
      why: i18n.t('messaging.email_why', { choice }),
      link: i18n.t('messaging.email_link'),
      unsubscribe: i18n.t('messaging.email_unsubscribe'),
    }
    frames.set(key, frame)
  }
  return frame
}

/**
 * Sends one message to a cardholder with @adonisjs/mail (SMTP in
 * production): an HTML part and a plain-text part from Edge templates, and
 * a one-click unsubscribe for the message's kind (RFC 8058).
 */
export async function sendEmail(envelope: EmailEnvelope): Promise<string | null> {
  const frame = frameOf(envelope.locale, envelope.content.choice)
  const { html, text } = await renderHolderEmail({
    lang: envelope.locale,
    content: envelope.content,
    why: frame.why,
    linkText: envelope.content.linkLabel ?? frame.link,
    unsubscribeText: frame.unsubscribe,
    unsubscribeUrl: envelope.unsubscribeUrl,
  })
  try {
    const response = await mail.send((message) => {
      message
        .to(envelope.to)
        .subject(envelope.content.subject)
        .html(html)
        .text(text)
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
