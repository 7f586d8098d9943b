import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'

export type ReceivedSms = {
  sid: string
  to: string
  from: string | null
  messagingServiceSid: string | null
  body: string
  statusCallback: string | null
}

type Answer = { kind: 'error'; status: number; code: number } | { kind: 'hang' }

/**
 * A loopback HTTP server that speaks the part of Twilio's REST API we use
 * (creating a message). The real twilio client talks to it. It can be told
 * to answer the next requests with an error, or not at all, so retries and
 * timeouts happen for real.
 */
export class FakeTwilio {
  sent: ReceivedSms[] = []
  requests = 0
  #answers: Answer[] = []
  #server?: Server
  #hanging: ServerResponse[] = []
  /** Called for every accepted message (the benchmark counts with it instead of keeping them). */
  onMessage?: (sms: ReceivedSms) => void
  keep = true
  /** Every request waits this long before its answer (a slow Twilio). */
  delayMs = 0
  /** When set, requests must carry these in HTTP Basic auth, as with Twilio. */
  #credentials?: { accountSid: string; authToken: string }

  /** Requests must authenticate with this account SID and auth token from now on. */
  expectCredentials(accountSid: string, authToken: string) {
    this.#credentials = { accountSid, authToken }
  }

  /** The account's auth token is rotated: the old one gets 401 from now on. */
  rotateToken(authToken: string) {
    if (!this.#credentials) throw new Error('expectCredentials first')
    this.#credentials.authToken = authToken
  }

  /** The next `count` requests fail with this HTTP status and Twilio error code. */
  failNext(count: number, status = 500, code = 20500) {
    for (let i = 0; i < count; i++) this.#answers.push({ kind: 'error', status, code })
  }

  /** The next `count` requests get no answer, until the client gives up. */
  hangNext(count: number) {
    for (let i = 0; i < count; i++) this.#answers.push({ kind: 'hang' })
  }

  /** Forgets what was sent and the queued answers; the expected credentials stay. */
  reset() {
    this.sent = []
    this.requests = 0
    this.#answers = []
    this.delayMs = 0
  }

  #authenticated(request: IncomingMessage) {
    if (!this.#credentials) return true
    const [scheme, encoded] = (request.headers.authorization ?? '').split(' ')
    if (scheme !== 'Basic' || !encoded) return false
    const given = Buffer.from(encoded, 'base64').toString('utf8')
    return given === `${this.#credentials.accountSid}:${this.#credentials.authToken}`
  }

  lastTo(phone: string) {
    return this.sent.filter((sms) => sms.to === phone).at(-1)
  }

  #handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      if (this.delayMs) setTimeout(() => this.#answer(request, response, chunks), this.delayMs)
      else this.#answer(request, response, chunks)
    })
  }

  #answer(request: IncomingMessage, response: ServerResponse, chunks: Buffer[]) {
    this.requests++
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.url ?? '')
    if (request.method !== 'POST' || !match) {
      response.writeHead(404, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify({ code: 20404, message: 'Not found', status: 404 }))
      return
    }
    if (!this.#authenticated(request)) {
      // What Twilio answers for a wrong account SID or auth token.
      response.writeHead(401, {
        'Content-Type': 'application/json',
        'WWW-Authenticate': 'Basic realm="Twilio API"',
      })
      response.end(
        JSON.stringify({
          code: 20003,
          message: 'Authenticate',
          more_info: 'https://www.twilio.com/docs/errors/20003',
          status: 401,
        })
      )
      return
    }
    const answer = this.#answers.shift()
    if (answer?.kind === 'hang') {
      this.#hanging.push(response)
      return
    }
    if (answer?.kind === 'error') {
      response.writeHead(answer.status, { 'Content-Type': 'application/json' })
      response.end(
        JSON.stringify({
          code: answer.code,
          message: `Fake Twilio error ${answer.code}`,
          more_info: `https://www.twilio.com/docs/errors/${answer.code}`,
          status: answer.status,
        })
      )
      return
    }
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
    const sms: ReceivedSms = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to: form.get('To') ?? '',
      from: form.get('From'),
      messagingServiceSid: form.get('MessagingServiceSid'),
      body: form.get('Body') ?? '',
      statusCallback: form.get('StatusCallback'),
    }
    if (this.keep) this.sent.push(sms)
    this.onMessage?.(sms)
    response.writeHead(201, { 'Content-Type': 'application/json' })
    response.end(
      JSON.stringify({
        sid: sms.sid,
        account_sid: match[1],
        to: sms.to,
        from: sms.from,
        messaging_service_sid: sms.messagingServiceSid,
        body: sms.body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString(),
        uri: `/2010-04-01/Accounts/${match[1]}/Messages/${sms.sid}.json`,
      })
    )
  }

  start(port: number) {
    const server = createServer((request, response) => this.#handle(request, response))
    this.#server = server
    return new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
  }

  stop() {
    for (const response of this.#hanging.splice(0)) response.destroy()
    return new Promise<void>((resolve) => {
      if (!this.#server) return resolve()
      this.#server.closeAllConnections()
      this.#server.close(() => resolve())
    })
  }
}

export const fakeTwilio = new FakeTwilio()
