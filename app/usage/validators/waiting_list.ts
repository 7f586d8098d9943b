import vine from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import type { Party } from '#usage/services/waiting_list'

/** Who comes with a card joining a waiting list; the card's own limits are checked by the use rules. */
export const waitingListPartyValidator = vine.compile(
  vine.object({
    childrenCount: vine.number().withoutDecimals().range([0, 20]).optional(),
    groupSize: vine.number().withoutDecimals().range([1, 99]).optional(),
  })
)

/** The party from a join form: no field means the holder alone. */
export async function waitingListPartyOf(request: HttpContext['request']): Promise<Party> {
  const input = await request.validateUsing(waitingListPartyValidator)
  return { childrenCount: input.childrenCount ?? 0, groupSize: input.groupSize ?? null }
}
