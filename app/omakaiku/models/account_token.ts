import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type TokenPurpose = 'activation' | 'reset'

/** A single-use link sent to the holder: only its hash is stored. */
export default class AccountToken extends BaseModel {
  static connection = 'omakaiku'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare accountId: number

  @column()
  declare purpose: TokenPurpose

  @column()
  declare tokenHash: string

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare usedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
