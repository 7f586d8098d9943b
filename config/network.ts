/*
| Running the network (docs/NETWORK.md). New partners join at the turn of
| the year: a partner proposal made from this day of the year to the end of
| December is for the next 1 January; one made earlier in the year is a
| mid-year joining, said so on the proposal, and the national centre must
| approve it with an explicit yes.
*/
const networkConfig = {
  /** The first day of the year (month, day) from which a partner proposal is for the turn of the year. */
  partnerProposalsForNextYearFrom: { month: 10, day: 1 },
}

export default networkConfig
