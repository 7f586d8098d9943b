import vine from '@vinejs/vine'

/** The holder joining a full show's waiting list: the children on the card who come along. */
export const holderWaitingListJoinValidator = vine.compile(
  vine.object({
    childrenCount: vine.number().withoutDecimals().range([0, 20]).optional(),
  })
)
