import logger from '@adonisjs/core/services/logger'
import { JSONTransport } from '@adonisjs/mail/transports/json'
import type { NodeMailerMessage } from '@adonisjs/mail/types'
import { maskedAddresses, withoutLinkSecrets } from '#core/services/contact_masking'

/**
 * What the log shows of a message: only what a developer needs to follow it
 * (subject and links). Cardholders receive e-mail too, and logs never carry
 * contact data or names: the address is masked and the text is left out.
 * Links lose their signature or token, so reading the log gives no way to
 * unsubscribe someone or set their password.
 */
export function mailLogEntry(message: NodeMailerMessage) {
  const text = typeof message.text === 'string' ? message.text : ''
  return {
    to: maskedAddresses(message.to),
    subject: message.subject,
    links: (text.match(/https?:\/\/\S+/g) ?? []).map(withoutLinkSecrets),
  }
}

/** Development transport: builds the message like a real one and logs its mailLogEntry. */
export class LogTransport extends JSONTransport {
  async send(message: NodeMailerMessage) {
    const response = await super.send(message)
    logger.info(mailLogEntry(message), 'mail (log transport)')
    return response
  }
}
