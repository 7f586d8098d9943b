/*
| Print runs: how many cards one order may have printed, and how the codes
| are reserved. The largest order is a policy number: the form's texts take
| it from here (the {printMax} parameter).
*/
const printRunsConfig = {
  /** The most cards one print run may have. */
  maxQuantity: 10_000,
  /** Codes reserved and inserted per transaction; `codes_done` moves after each batch. */
  batchSize: 500,
  /**
   * A run still `generating` this long after its last batch has lost its
   * worker (the web process that took the order died): the scheduler's
   * `print_runs` job takes it over and goes on from the codes already reserved.
   */
  stalledAfterSeconds: 60,
}

export default printRunsConfig
