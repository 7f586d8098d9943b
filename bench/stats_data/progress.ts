/** Prints a line at every tenth of the expected rows, with the rate. */
export class Progress {
  #next = 0.1
  readonly #started = performance.now()

  constructor(
    private label: string,
    private total: number,
    private print: (line: string) => void
  ) {}

  update(done: number) {
    if (!this.total || done / this.total < this.#next) return
    while (done / this.total >= this.#next) this.#next += 0.1
    const seconds = (performance.now() - this.#started) / 1000
    this.print(
      `${this.label}: ${done.toLocaleString('en')} / ${this.total.toLocaleString('en')} (${Math.round((100 * done) / this.total)} %), ${Math.round(done / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s`
    )
  }
}
