/*
| Statistics: the age groups and how often the summary tables are brought
| up to date; the small-number rule's limit is config/privacy.ts. Changing
| the age groups takes effect at the next full refresh
| (`node ace stats:refresh --full`, or the nightly one).
*/

export type AgeBand = {
  /** Stored in the summary tables and used as the translation key (stats.age.<key>). */
  key: string
  /** The age the holder turns in the year the card was issued, inclusive. */
  from: number
  /** Inclusive; null for the open-ended last group. */
  to: number | null
}

const statisticsConfig = {
  /**
   * The year Kaikukortti started (in Espoo): the first year of the statistics
   * and of the old register's yearly totals that can be imported.
   */
  firstYear: 2015,
  /*
  | The age groups of STEA's (Funding Centre for Social Welfare and Health
  | Organisations) outcome reporting: children under 13, young people 13–17,
  | young adults 18–29, working age 30–64, older people 65 and over. A card is
  | given from the year its holder turns 16, so the first two meet as 16–17.
  | Age is counted as in the card form: issue year minus birth year.
  */
  ageBands: [
    { key: '16-17', from: 16, to: 17 },
    { key: '18-29', from: 18, to: 29 },
    { key: '30-64', from: 30, to: 64 },
    { key: '65+', from: 65, to: null },
  ] satisfies AgeBand[],
  /** The summary tables are refreshed this often (minutes) by the scheduler. */
  refreshMinutes: 10,
  /**
   * A change committed this long before a refresh started is still looked
   * for by the next one (transactions that were open while it read).
   */
  refreshOverlapSeconds: 300,
}

export default statisticsConfig
