import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** Kinds of message a holder can choose to receive. */
export const NOTIFICATION_KINDS = [
  'ticketReminders',
  'cardExpiry',
  'distributorMessages',
  'venueNews',
  'recommendations',
  'seatsLeft',
  'announcements',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const NOTIFICATION_CHANNELS = ['byEmail', 'bySms'] as const
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number]

const flag = { consume: (value: unknown) => Boolean(value) }

/** What the holder wants to receive and how; everything is off until they turn it on. */
export default class NotificationSetting extends BaseModel {
  static connection = 'omakaiku'
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare accountId: number

  @column(flag)
  declare enabled: boolean

  @column(flag)
  declare ticketReminders: boolean

  @column(flag)
  declare cardExpiry: boolean

  @column(flag)
  declare distributorMessages: boolean

  @column(flag)
  declare venueNews: boolean

  @column(flag)
  declare recommendations: boolean

  @column(flag)
  declare seatsLeft: boolean

  /** Announcements of Kaikukortti from the holder's area coordinators and the national centre. */
  @column(flag)
  declare announcements: boolean

  @column(flag)
  declare byEmail: boolean

  @column(flag)
  declare bySms: boolean

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
