/*
| The smallest number shown: statistics by background data, survey results
| and venues' feedback summaries show no group of fewer people than this,
| so that no answer or card can be traced to a person. Every text that
| names the limit takes it from here (the {threshold} parameter).
*/
const privacyConfig = {
  /** A count below this is shown as "< 5"; an average of fewer answers is not shown. */
  smallestShown: 5,
}

export default privacyConfig
