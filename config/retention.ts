/*
| How long each kind of row is kept after it has served its purpose, and
| which module removes it. The module's clean-up service reads its own
| periods from here; the nightly `cleanup` job runs every module's clean-up.
| docs/DATA_PROTECTION.md shows this table (core/services/retention_table.ts
| prints it; a test compares).
*/

export type RetentionRule = {
  /** The module whose clean-up service removes these rows. */
  module: 'core' | 'registry' | 'omakaiku' | 'messaging' | 'surveys' | 'feedback' | 'usage'
  /** What is removed, as the docs say it. */
  rows: string
  /** The moment the period starts from. */
  after: string
  /** The period, in whole days or years. */
  kept: { days: number } | { years: number }
  /** How the job's record counts what it removed ("3 staff reset link(s)"). */
  counted: string
}

const retentionConfig = {
  /*
  | Expired or used single-use links, sessions and sign-in counters are kept
  | for a day: a link opened just after it lapsed still reads "expired"
  | rather than "unknown", and no row is removed while a request may hold it.
  */
  staffResetTokens: {
    module: 'registry',
    rows: "staff users' password reset links (`password_reset_tokens`)",
    after: 'it expired or was used',
    kept: { days: 1 },
    counted: 'staff reset link(s)',
  },
  staffSessions: {
    module: 'core',
    rows: "staff users' sessions (`sessions`, registry)",
    after: 'it expired',
    kept: { days: 1 },
    counted: 'expired staff session(s)',
  },
  staffRateLimits: {
    module: 'core',
    rows: 'sign-in and survey flood counters (`rate_limits`, registry)',
    after: 'it expired',
    kept: { days: 1 },
    counted: 'staff rate-limit row(s)',
  },
  accountTokens: {
    module: 'omakaiku',
    rows: 'OmaKaiku activation and reset links (`account_tokens`)',
    after: 'it expired or was used',
    kept: { days: 1 },
    counted: 'account link(s)',
  },
  holderSessions: {
    module: 'omakaiku',
    rows: "cardholders' sessions (`sessions`, omakaiku)",
    after: 'it expired',
    kept: { days: 1 },
    counted: 'expired holder session(s)',
  },
  holderRateLimits: {
    module: 'omakaiku',
    rows: 'cardholder sign-in counters (`rate_limits`, omakaiku)',
    after: 'it expired',
    kept: { days: 1 },
    counted: 'holder rate-limit row(s)',
  },
  outboxMessages: {
    module: 'messaging',
    rows: 'finished messages: sent, delivered, skipped or dead (`outbox_messages`)',
    after: 'its last change',
    kept: { days: 90 },
    counted: 'old message(s)',
  },
  jobRuns: {
    module: 'messaging',
    rows: 'records of job runs (`job_runs`)',
    after: 'the run started',
    kept: { days: 90 },
    counted: 'job run(s)',
  },
  /*
  | An ended pause is kept a month so that the admin can still see why
  | sending stopped when looking into a complaint about a missing message.
  */
  channelPauses: {
    module: 'messaging',
    rows: 'ended channel pauses (`channel_pauses`)',
    after: 'the pause ended',
    kept: { days: 30 },
    counted: 'ended channel pause(s)',
  },
  /*
  | No rule existed. Statistics are reported by year (STEA's outcome
  | reporting) and compared with the years before; five years after a card
  | ended its background data no longer feeds a report anyone still makes,
  | while it still describes a person. Only the background columns are
  | erased, as on consent withdrawal; the card row and its uses stay, so the
  | card still counts in totals.
  */
  cardBackground: {
    module: 'registry',
    rows: 'background data of a card: birth year, postal code, children, mother tongues, gender, life situation (`cards`)',
    after: 'the card ended (its end date, or its last valid day)',
    kept: { years: 5 },
    counted: "ended card(s)' background data",
  },
  /*
  | No rule existed. A survey's results are read in the year it ran and in
  | the comparisons of the following years; after five years a response is
  | no longer needed, and free text may say more about its writer than meant.
  */
  surveyResponses: {
    module: 'surveys',
    rows: 'anonymous survey responses and their answers (`survey_responses`)',
    after: 'it was given',
    kept: { years: 5 },
    counted: 'anonymous survey response(s)',
  },
  /*
  | Accessibility feedback may carry its sender's e-mail address or phone
  | number, given for the reply. Once answered it is kept a year, so that the
  | national centre can still show how it was handled if the sender turns to
  | the supervisory authority (Traficom); unanswered feedback stays until it
  | is answered.
  */
  accessibilityFeedback: {
    module: 'feedback',
    rows: 'accessibility feedback with its reply contact (`accessibility_feedback`)',
    after: 'it was marked answered',
    kept: { years: 1 },
    counted: 'answered accessibility feedback(s)',
  },
  /*
  | A show's waiting list has served its purpose once the show is over; the
  | places it gave are uses, kept as uses are. A month lets the venue still
  | answer a question about who was offered a place.
  */
  waitingListEntries: {
    module: 'usage',
    rows: 'waiting-list entries, card codes only (`waiting_list_entries`)',
    after: 'the show took place',
    kept: { days: 30 },
    counted: 'waiting-list entry(ies)',
  },
} satisfies Record<string, RetentionRule>

export type RetentionKind = keyof typeof retentionConfig

export default retentionConfig
