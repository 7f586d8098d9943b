import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** When a user last read a post (and its replies). */
export default class PostRead extends BaseModel {
  static connection = 'registry'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare postId: number

  @column()
  declare userId: number

  @column()
  declare seenActivity: number

  @column.dateTime()
  declare readAt: DateTime
}
