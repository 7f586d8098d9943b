/**
 * How many messages one worker has under way at once: a message takes a
 * sender before it is sent and gives it back once its outcome is written.
 * Batches share them, so the next batch starts while the last messages of
 * the one before are still going.
 */
export class Senders {
  #free: number
  #waiting: (() => void)[] = []

  constructor(count: number) {
    this.#free = count
  }

  async take() {
    if (this.#free > 0) {
      this.#free--
      return
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve))
  }

  giveBack() {
    const next = this.#waiting.shift()
    if (next) next()
    else this.#free++
  }
}
