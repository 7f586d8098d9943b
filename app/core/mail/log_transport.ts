import logger from '@adonisjs/core/services/logger'
import { JSONTransport } from '@adonisjs/mail/transports/json'
import type { NodeMailerMessage } from '@adonisjs/mail/types'

/**
 * Development transport: builds the message like a real one and writes it to
 * the log, so a developer can follow a password-reset link without an SMTP
 * server. Only staff receive e-mail from the registry, never cardholders.
 */
export class LogTransport extends JSONTransport {
  async send(message: NodeMailerMessage) {
    const response = await super.send(message)
    logger.info(
      { to: message.to, subject: message.subject, text: message.text },
      'mail (log transport)'
    )
    return response
  }
}
