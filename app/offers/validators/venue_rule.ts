import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { contactPhoneOf } from '#registry/services/contact_phone'
import { TICKET_WAYS } from '#offers/services/ticket_info'
import { RELEASE_UNCONFIRMED_HOURS } from '#offers/services/restrictions'

/** A phone number one can call, kept in E.164 form. */
const ticketPhone = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const e164 = contactPhoneOf(value)
  if (e164) field.mutate(e164, field)
  else field.report('Not a phone number', 'phone', field)
})

const checkbox = () => vine.boolean().optional()

/** The ways to get a ticket: ticked boxes of TICKET_WAYS. */
export const ticketWaysField = () => vine.array(vine.enum(TICKET_WAYS)).optional()

/** The venue's rules across its offers and how to get a ticket (ticket_info.ts). */
export const venueRuleValidator = vine.compile(
  vine.object({
    maxOpenBookings: vine.number().withoutDecimals().range([1, 50]).optional(),
    ticketWays: ticketWaysField(),
    ticketPhone: vine.string().trim().maxLength(30).use(ticketPhone()).optional(),
    ticketEmail: vine.string().trim().toLowerCase().email().maxLength(254).optional(),
    ticketUrl: vine
      .string()
      .trim()
      .maxLength(500)
      .url({ protocols: ['http', 'https'], require_protocol: true })
      .optional(),
    boxOfficeHours: vine.string().trim().maxLength(300).optional(),
    freeCloakroom: checkbox(),
    supportPersonFree: checkbox(),
    ticketHandover: checkbox(),
    releaseUnconfirmedHours: vine
      .number()
      .withoutDecimals()
      .range([RELEASE_UNCONFIRMED_HOURS.min, RELEASE_UNCONFIRMED_HOURS.max])
      .optional(),
  })
)

export type VenueRuleInput = Awaited<ReturnType<(typeof venueRuleValidator)['validate']>>
