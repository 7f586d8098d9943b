import type { DateTime } from 'luxon'
import { settle, type Outcome } from '#messaging/services/outbox'

/**
 * Writes a worker's outcomes in groups: the first one is written at once,
 * and those that come while a write is under way go together in the next.
 * Each sender waits until its own outcome is written before it takes
 * another message, so a worker that dies leaves no more messages sent but
 * unrecorded than it had senders (as when each wrote its own row), with one
 * statement for many rows instead of one for each.
 */
export class OutcomeWriter {
  #waiting: { outcome: Outcome; done: () => void; failed: (error: unknown) => void }[] = []
  #writing = false

  constructor(private readonly now: DateTime) {}

  write(outcome: Outcome) {
    return new Promise<void>((done, failed) => {
      this.#waiting.push({ outcome, done, failed })
      if (!this.#writing) void this.#writeWaiting()
    })
  }

  async #writeWaiting() {
    this.#writing = true
    while (this.#waiting.length) {
      const group = this.#waiting.splice(0)
      try {
        await settle(
          group.map((item) => item.outcome),
          this.now
        )
        for (const item of group) item.done()
      } catch (error) {
        for (const item of group) item.failed(error)
      }
    }
    this.#writing = false
  }
}
