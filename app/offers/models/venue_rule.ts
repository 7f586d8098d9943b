import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A venue's restrictions that span all its offers. */
export default class VenueRule extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organisationId: number

  @column()
  declare maxOpenBookings: number | null

  /*
  | How to get a ticket (ticket_info.ts): the ways (a comma-separated list of
  | TICKET_WAYS), the box office's phone (E.164), e-mail and web address, its
  | opening hours, and the operating model's recommendations the venue follows.
  */
  @column()
  declare ticketWays: string | null

  @column()
  declare ticketPhone: string | null

  @column()
  declare ticketEmail: string | null

  @column()
  declare ticketUrl: string | null

  @column()
  declare boxOfficeHours: string | null

  @column({ consume: Boolean })
  declare freeCloakroom: boolean

  @column({ consume: Boolean })
  declare supportPersonFree: boolean

  /** The ticket is handed over only TICKET_HANDOVER_MINUTES before the show. */
  @column({ consume: Boolean })
  declare ticketHandover: boolean
  /** Bookings not confirmed by their holder are released this many hours before the show; null: never. */
  @column()
  declare releaseUnconfirmedHours: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
