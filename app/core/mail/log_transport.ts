import logger from '@adonisjs/core/services/logger'
import { JSONTransport } from '@adonisjs/mail/transports/json'
import type { NodeMailerMessage } from '@adonisjs/mail/types'

/** "a…@example.fi": enough to tell two messages apart, not enough to reach anyone. */
function maskAddress(address: unknown) {
  const text = typeof address === 'string' ? address : JSON.stringify(address ?? '')
  return text.replace(/([^\s@",<]{1})[^\s@",<]*@/g, '$1…@')
}

/**
 * Development transport: builds the message like a real one and writes to
 * the log only what a developer needs to follow it (subject and links).
 * Cardholders receive e-mail too, and logs never carry contact data or
 * names: the address is masked and the text is left out.
 */
export class LogTransport extends JSONTransport {
  async send(message: NodeMailerMessage) {
    const response = await super.send(message)
    const text = typeof message.text === 'string' ? message.text : ''
    logger.info(
      {
        to: maskAddress(message.to),
        subject: message.subject,
        links: text.match(/https?:\/\/\S+/g) ?? [],
      },
      'mail (log transport)'
    )
    return response
  }
}
