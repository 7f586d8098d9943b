/*
| bench/outbox's floor: the same number of e-mails and SMS as the outbox run,
| sent by a bare loop through the same clients (@adonisjs/mail's SMTP
| transport with its connection pool, the twilio library) to the same
| loopback fakes, as many at once as a worker sends. No database, no
| consent or reason checks, one mail rendered once: what the clients and the
| fakes alone take. Started by outbox_drain.ts with the workers' settings and
| FLOOR_MESSAGES (half e-mail, half SMS); prints nothing.
*/
import twilio from 'twilio'
import type TwilioRequestClient from 'twilio/lib/base/RequestClient.js'
import { Edge } from 'edge.js'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import messagingConfig from '#config/messaging'

const MESSAGES = Number(process.env.FLOOR_MESSAGES)
const TWILIO_API = 'https://api.twilio.com'

class LoopbackTwilio extends twilio.RequestClient {
  request<TData>(opts: TwilioRequestClient.RequestOptions<TData>) {
    opts.uri = process.env.TWILIO_API_URL + opts.uri.slice(TWILIO_API.length)
    return super.request(opts)
  }
}

const sms = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN, {
  httpClient: new LoopbackTwilio({ timeout: messagingConfig.sms.timeoutMs, keepAlive: true }),
})
const smtp = new SMTPTransport({
  host: process.env.SMTP_HOST,
  port: Number(process.env.SMTP_PORT),
  secure: false,
  ignoreTLS: true,
  pool: true,
  maxConnections: messagingConfig.smtpConnections,
  auth: { type: 'login', user: process.env.SMTP_USERNAME!, pass: process.env.SMTP_PASSWORD! },
})

const views = Edge.create({ cache: true }).mount(new URL('../resources/views', import.meta.url))
const data = {
  lang: 'fi',
  content: { subject: 'Uutisia', paragraphs: ['Uusi näytös on ohjelmistossa.'], link: null },
  why: 'Saat tämän viestin, koska valitsit tapahtumapaikkojen uutiset.',
  linkText: 'Avaa OmaKaikussa',
  unsubscribeText: 'Peru tämän viestin tilaus',
  unsubscribeUrl: 'http://127.0.0.1/unsubscribe?signature=x',
}
const html = await views.render('emails/holder_message', data)
const text = await views.render('emails/holder_message_text', data)

async function send(index: number) {
  if (index % 2 === 0) {
    await smtp.send({
      from: { address: 'kaikukanta@example.fi', name: 'Kaikukanta' },
      to: [{ address: `floor-${index}@bench.invalid`, name: '' }],
      subject: data.content.subject,
      html,
      text,
      list: { unsubscribe: data.unsubscribeUrl },
      headers: {
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Kaikukanta-Message': `floor-${index}`,
      },
    })
  } else {
    await sms.messages.create({
      to: `+35849${String(index).padStart(7, '0')}`,
      body: 'Teatteri: Uusi näytös on ohjelmistossa. Lopeta: STOP',
      from: process.env.TWILIO_FROM_NUMBER,
      statusCallback: 'http://127.0.0.1/twilio/status',
    })
  }
}

let next = 0
await Promise.all(
  Array.from({ length: messagingConfig.concurrency }, async () => {
    while (next < MESSAGES) await send(next++)
  })
)
await smtp.close()
