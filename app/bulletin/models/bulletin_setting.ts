import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export const EMAIL_MODES = ['off', 'immediate', 'daily'] as const
export type EmailMode = (typeof EMAIL_MODES)[number]

/** Default for a user who has not chosen: one e-mail a day at most. */
export const DEFAULT_EMAIL_MODE: EmailMode = 'daily'

/** A staff user's choice of bulletin e-mail, and when their last digest went. */
export default class BulletinSetting extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column({ columnName: 'notification_mode' })
  declare emailMode: EmailMode

  @column()
  declare locale: string

  @column.dateTime()
  declare lastDigestAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
