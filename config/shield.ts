import { defineConfig } from '@adonisjs/shield'

export default defineConfig({
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`],
      styleSrc: [`'self'`],
      imgSrc: [`'self'`, 'data:'],
      formAction: [`'self'`],
      frameAncestors: [`'none'`],
    },
    reportOnly: false,
  },
  csrf: {
    enabled: true,
    // RFC 8058 one-click unsubscribe: mail programs POST without a token; the link is signed instead.
    // Twilio's webhooks carry Twilio's signature instead of a token.
    exceptRoutes: [
      '/bulletin/unsubscribe/:user',
      '/oma/unsubscribe/:account/:kind',
      // A waiting-list offer's answer button: the link is signed.
      '/oma/waiting-offer/:entry',
      '/webhooks/twilio/inbound',
      '/webhooks/twilio/status',
    ],
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: { enabled: true, action: 'DENY' },
  hsts: { enabled: true, maxAge: '180 days' },
  contentTypeSniffing: { enabled: true },
})
