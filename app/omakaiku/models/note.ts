import { DateTime } from 'luxon'
import encryption from '@adonisjs/core/services/encryption'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * A holder's private note, free-standing or about an event. The text is
 * encrypted with the app key before it reaches the database.
 */
export default class Note extends BaseModel {
  static connection = 'omakaiku'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare accountId: number

  @column()
  declare useId: number | null

  @column({
    columnName: 'body_encrypted',
    prepare: (body: string) => encryption.encrypt(body),
    consume: (stored: string) => encryption.decrypt<string>(stored) ?? '',
  })
  declare body: string

  @column()
  declare submissionKey: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
