import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const USE_STATUSES = ['registered', 'cancelled', 'no_show'] as const
export type UseStatus = (typeof USE_STATUSES)[number]

/** One use of a card at a venue. Only the card's code: never a name. */
export default class CardUse extends BaseModel {
  static connection = 'registry'
  static table = 'uses'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare cardCode: string

  @column()
  declare organisationId: number

  @column()
  declare offerId: number

  @column()
  declare occurrenceId: number | null

  @column.date()
  declare usedOn: DateTime

  @column()
  declare places: number

  @column()
  declare childrenCount: number

  @column()
  declare groupSize: number | null

  @column()
  declare amountCents: number | null

  @column()
  declare status: UseStatus

  @column()
  declare registeredByUserId: number | null

  @column()
  declare registeredByOrganisationId: number

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column()
  /** Who cancelled: the venue, the holder, the organisation that booked the place for the holder, or the release of an unconfirmed booking. */
  declare cancelledBy: 'venue' | 'holder' | 'booker' | 'released' | null

  @column.dateTime()
  declare seenAt: DateTime | null

  /** When the holder was asked whether they are coming (a reminder's question, or their own PERU). */
  @column.dateTime()
  declare attendanceAskedAt: DateTime | null

  /** When the holder answered that they are coming. */
  @column.dateTime()
  declare attendanceConfirmedAt: DateTime | null

  @column()
  declare submissionKey: string

  /** The old register's id of an imported use (services/use_import.ts); null for the others. */
  @column()
  declare sourceId: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
