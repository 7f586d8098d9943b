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

/**
 * A real SMTP server on the loopback interface that keeps what it receives.
 * The test suite sends all mail through the real SMTP transport to it.
 */
export class FakeSmtp {
  inbox: ReceivedMail[] = []
  /** Keep what arrives in `inbox` (a benchmark only counts, through onMail). */
  keep = true
  onMail?: (raw: string) => void
  #server?: SMTPServer

  /** A fresh server each time: a closed SMTPServer refuses every new connection. */
  #createServer() {
    return new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
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
          callback()
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
