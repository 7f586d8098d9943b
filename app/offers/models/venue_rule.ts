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

  /** Bookings not confirmed by their holder are released this many hours before the show; null: never. */
  @column()
  declare releaseUnconfirmedHours: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
