import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'
import { LogTransport } from '#core/mail/log_transport'
import messagingConfig from '#config/messaging'

const mailConfig = defineConfig({
  default: env.get('MAIL_TRANSPORT'),
  from: { address: env.get('MAIL_FROM_ADDRESS'), name: env.get('MAIL_FROM_NAME') },
  mailers: {
    smtp: transports.smtp({
      host: env.get('SMTP_HOST', '127.0.0.1'),
      port: env.get('SMTP_PORT', 587),
      secure: env.get('SMTP_SECURE', false),
      // Reuse connections when many messages go at once (the outbox worker).
      ...(env.get('SMTP_POOL', false)
        ? { pool: true as const, maxConnections: messagingConfig.smtpConnections }
        : {}),
      ignoreTLS: !env.get('SMTP_SECURE', false) && env.get('SMTP_HOST') === '127.0.0.1',
      auth: env.get('SMTP_USERNAME')
        ? { type: 'login', user: env.get('SMTP_USERNAME')!, pass: env.get('SMTP_PASSWORD', '') }
        : undefined,
    }),
    log: () => new LogTransport(),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
