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

  /** The highest reply of the post when the user last read it: later private replies to them are unread. */
  @column()
  declare seenReplyId: number | null

  @column.dateTime()
  declare readAt: DateTime
}
