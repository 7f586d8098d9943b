import { SMTPServer } from 'smtp-server'

export type ReceivedMail = { from: string; to: string[]; raw: string; text: string }

/** Undoes quoted-printable soft breaks and escapes, enough to read a test mail's text. */
function decodeQuotedPrintable(raw: string) {
  const joined = raw.replace(/=\r?\n/g, '')
  const bytes: number[] = []
  for (let index = 0; index < joined.length; index++) {
    const hex = joined.slice(index + 1, index + 3)
    if (joined[index] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16))
      index += 2
    } else {
      bytes.push(...Buffer.from(joined[index], 'utf8'))
    }
  }
  return Buffer.from(bytes).toString('utf8')
}

/** An SMTP reply that refuses a command, with its code (the client sees it as `responseCode`). */
function smtpError(responseCode: number, message: string) {
  return Object.assign(new Error(message), { responseCode })
}

/**
 * A real SMTP server on the loopback interface that keeps what it receives.
 * The test suite sends all mail through the real SMTP transport to it. Like
 * a real server it can check credentials (535 for wrong ones), insist on
 * them, refuse a recipient for good (550) or ask to try later (451).
 */
export class FakeSmtp {
  inbox: ReceivedMail[] = []
  /** Keep what arrives in `inbox` (a benchmark only counts, through onMail). */
  keep = true
  onMail?: (raw: string) => void
  /** Each mail is accepted only after this long (a slow server). */
  delayMs = 0
  /** Mail is refused (530) from a client that has not signed in with the credentials. */
  requireAuth = false
  #credentials?: { user: string; pass: string }
  #refused = new Set<string>()
  #deferred = new Map<string, number>()
  #server?: SMTPServer

  /** Clients that sign in must use these (AUTH LOGIN or PLAIN); others get 535. */
  expectCredentials(user: string, pass: string) {
    this.#credentials = { user, pass }
  }

  /** The account's password is changed on the server: the old one gets 535 from now on. */
  rotatePassword(pass: string) {
    if (!this.#credentials) throw new Error('expectCredentials first')
    this.#credentials.pass = pass
  }

  /** Mail to this address is refused for good: 550 to RCPT TO. */
  refuse(address: string) {
    this.#refused.add(address.toLowerCase())
  }

  /** Mail to this address is deferred the next `times` times: 451 to RCPT TO. */
  defer(address: string, times = 1) {
    this.#deferred.set(address.toLowerCase(), times)
  }

  /** Empties the inbox and turns every switch off (the expected credentials stay). */
  reset() {
    this.inbox = []
    this.requireAuth = false
    this.delayMs = 0
    this.#refused.clear()
    this.#deferred.clear()
  }

  /** A fresh server each time: a closed SMTPServer refuses every new connection. */
  #createServer() {
    return new SMTPServer({
      secure: false,
      authOptional: true,
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, callback) => {
        const expected = this.#credentials
        if (expected && auth.username === expected.user && auth.password === expected.pass) {
          return callback(null, { user: auth.username })
        }
        callback(smtpError(535, '5.7.8 Authentication credentials invalid'))
      },
      onMailFrom: (_address, session, callback) => {
        if (this.requireAuth && !session.user) {
          return callback(smtpError(530, '5.7.0 Authentication required'))
        }
        callback()
      },
      onRcptTo: (address, _session, callback) => {
        const to = address.address.toLowerCase()
        if (this.#refused.has(to)) {
          return callback(smtpError(550, '5.1.1 Mailbox unavailable'))
        }
        const deferrals = this.#deferred.get(to) ?? 0
        if (deferrals > 0) {
          this.#deferred.set(to, deferrals - 1)
          return callback(smtpError(451, '4.3.0 Try again later'))
        }
        callback()
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8')
          this.onMail?.(raw)
          if (this.keep)
            this.inbox.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              raw,
              text: decodeQuotedPrintable(raw),
            })
          if (this.delayMs) setTimeout(callback, this.delayMs)
          else callback()
        })
      },
    })
  }

  start(port: number) {
    const server = this.#createServer()
    this.#server = server
    return new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
  }

  stop() {
    return new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve()
    )
  }

  /** The newest mail to an address. */
  lastTo(address: string) {
    return this.inbox.filter((mail) => mail.to.includes(address)).at(-1)
  }
}

export const fakeSmtp = new FakeSmtp()
