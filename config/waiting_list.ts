/*
| The waiting list of a show. The hold is a policy number: the messages and
| pages take it from here (the {hours} parameter).
*/
const waitingListConfig = {
  /** How long a freed place is held for the holder it was offered to. */
  holdHours: 3,
}

export default waitingListConfig
